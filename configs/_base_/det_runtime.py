# Runtime shared by this repo's detection configs: mmdet's defaults plus this
# repo's modules, TensorBoard logging, best-checkpoint keeping by VOC mAP,
# atomic checkpoints, per-epoch reseeding (exact resume) and a class-count check.
_base_ = ['mmdet::_base_/default_runtime.py']

custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
                    save_best='pascal_voc/mAP', rule='greater'),
)
custom_hooks = [dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook')]

vis_backends = [dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')]
visualizer = dict(type='DetLocalVisualizer', vis_backends=vis_backends, name='visualizer')

randomness = dict(seed=0, deterministic=False)

# stop when VOC07 mAP (0..1) has not risen by half a point for 3 validations
early_stopping = dict(type='EarlyStoppingHook', monitor='pascal_voc/mAP', rule='greater',
                      min_delta=0.005, patience=3)
