# Runtime shared by this repo's detection configs: mmdet's defaults plus this
# repo's modules, TensorBoard logging, atomic checkpoints, per-epoch reseeding
# (exact resume) and a class-count check (the detection counterpart of
# cls_runtime.py).
_base_ = ['mmdet::_base_/default_runtime.py']

custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
                    save_best='auto', rule='greater'),
)
custom_hooks = [dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook')]

visualizer = dict(
    type='DetLocalVisualizer',
    vis_backends=[dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')])

randomness = dict(seed=0, deterministic=False)
