"""Generic hooks, registered in mmengine's root HOOKS so every scope finds them."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .config_optim_on_resume_hook import ConfigOptimOnResumeHook
from .epoch_seed_hook import EpochSeedHook
from .num_classes_check_hook import NumClassesCheckHook

__all__ = ['AtomicCheckpointHook', 'ConfigOptimOnResumeHook', 'EpochSeedHook', 'NumClassesCheckHook']
