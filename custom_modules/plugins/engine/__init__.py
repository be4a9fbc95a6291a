"""Engine-level fixes for mmengine 0.10.7: safe loading, atomic writes, preemption,
bfloat16 autocast without a GPU."""
from .atomic_local_backend import AtomicLocalBackend
from .autocast_optim_wrapper import AutocastOptimWrapper
from .preemption import PreemptionHook, ResumableEpochBasedTrainLoop, TrainingPreempted
from .safe_checkpoint import SAFE_GLOBALS, load_local_checkpoint_safely

__all__ = ['AtomicLocalBackend', 'AutocastOptimWrapper', 'PreemptionHook',
           'ResumableEpochBasedTrainLoop', 'SAFE_GLOBALS', 'TrainingPreempted',
           'load_local_checkpoint_safely']
