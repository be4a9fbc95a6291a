"""Generic hooks, registered in mmengine's root HOOKS so every scope finds them."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .backbone_unfreeze_hook import BackboneUnfreezeHook
from .epoch_seed_hook import EpochSeedHook
from .num_classes_check_hook import NumClassesCheckHook

__all__ = ['AtomicCheckpointHook', 'BackboneUnfreezeHook', 'EpochSeedHook', 'NumClassesCheckHook']
