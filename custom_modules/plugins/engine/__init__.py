"""Engine-level fixes for mmengine 0.10.7: safe loading, atomic writes, preemption,
bfloat16 autocast without a GPU; the warm-cos-flat lr scheduler."""
from .atomic_local_backend import AtomicLocalBackend
from .autocast_optim_wrapper import AutocastOptimWrapper
from .preemption import PreemptionHook, ResumableEpochBasedTrainLoop, TrainingPreempted
from .safe_checkpoint import SAFE_GLOBALS, load_local_checkpoint_safely, safe_load
from .safe_checkpoint_schemes import cached_download
from .warm_cos_flat_lr import WarmCosFlatLR

__all__ = ['AtomicLocalBackend', 'AutocastOptimWrapper', 'PreemptionHook',
           'ResumableEpochBasedTrainLoop', 'SAFE_GLOBALS', 'TrainingPreempted',
           'WarmCosFlatLR', 'cached_download', 'load_local_checkpoint_safely', 'safe_load']
