"""Hooks: generic ones in mmengine's root HOOKS (every scope finds them), detection ones in
mmdet's."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .backbone_unfreeze_hook import BackboneUnfreezeHook
from .channels_last_hook import ChannelsLastHook
from .config_optim_on_resume_hook import ConfigOptimOnResumeHook
from .det_val_loss_hook import DetValLossHook
from .epoch_seed_hook import EpochSeedHook
from .epoch_train_stats_hook import EpochTrainStatsHook
from .num_classes_check_hook import NumClassesCheckHook
from .proposal_vis_hook import ProposalVisHook
from .val_loss_hook import ValLossHook
from .val_test_cfg_hook import ValTestCfgHook

__all__ = ['AtomicCheckpointHook', 'BackboneUnfreezeHook', 'ChannelsLastHook',
           'ConfigOptimOnResumeHook', 'DetValLossHook', 'EpochSeedHook', 'EpochTrainStatsHook',
           'NumClassesCheckHook',
           'ProposalVisHook', 'ValLossHook', 'ValTestCfgHook']
