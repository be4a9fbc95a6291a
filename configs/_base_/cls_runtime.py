# Runtime shared by this repo's classification configs: mmpretrain's defaults
# plus this repo's modules, TensorBoard logging, best-checkpoint keeping,
# atomic checkpoints, per-epoch reseeding (exact resume), a class-count check,
# the validation loss (val/loss, with the validation metrics) and the per-epoch
# mean training loss / accuracy (train/epoch_loss, train/epoch_accuracy; the
# accuracy needs the head's cal_acc=True, not with Mixup/CutMix).
_base_ = ['mmpretrain::_base_/default_runtime.py']

custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
                    save_best='auto', rule='greater'),
)
custom_hooks = [dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook'),
                dict(type='ValLossHook'), dict(type='EpochTrainStatsHook')]

visualizer = dict(
    type='UniversalVisualizer',
    vis_backends=[dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')])

randomness = dict(seed=0, deterministic=False)
