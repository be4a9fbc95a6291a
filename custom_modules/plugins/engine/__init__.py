"""Engine-level fixes for mmengine 0.10.7: safe loading, atomic writes, preemption."""
from .atomic_local_backend import AtomicLocalBackend
from .preemption import PreemptionHook, ResumableEpochBasedTrainLoop, TrainingPreempted
from .safe_checkpoint import SAFE_GLOBALS, load_local_checkpoint_safely

__all__ = ['AtomicLocalBackend', 'PreemptionHook', 'ResumableEpochBasedTrainLoop',
           'SAFE_GLOBALS', 'TrainingPreempted', 'load_local_checkpoint_safely']
