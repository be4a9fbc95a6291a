# Runtime pieces shared by this repo's segmentation configs. A config inherits
# its mmseg model config together with this file and applies them with
#   default_hooks = _base_.seg_default_hooks  (and likewise custom_hooks, visualizer)
# (they cannot be named default_hooks here: mmengine rejects duplicate keys
# among sibling bases). They add this repo's modules, atomic checkpoints
# keeping the best mIoU, a class-count check and TensorBoard logging.
custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)
randomness = dict(seed=0, deterministic=False)

seg_default_hooks = dict(
    checkpoint=dict(type='AtomicCheckpointHook', by_epoch=False, max_keep_ckpts=2,
                    save_best='mIoU', rule='greater'))
seg_custom_hooks = [dict(type='NumClassesCheckHook')]
seg_visualizer = dict(
    type='SegLocalVisualizer', name='visualizer',
    vis_backends=[dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')])
