# This repo's detection runtime as named pieces: its modules, TensorBoard
# logging, best-checkpoint keeping by VOC mAP, atomic checkpoints, per-epoch
# reseeding (exact resume), a class-count check, the per-epoch mean training
# loss (train/epoch_loss) and early stopping.
# det_runtime.py applies them on mmdet's default runtime. A config that
# inherits a complete mmdet config (FCOS, YOLOv3: mmdet has no VOC ones)
# inherits this file beside it and applies them itself with
#   default_hooks = _base_.det_default_hooks  (and likewise custom_hooks,
#   vis_backends, visualizer)
# (they cannot be named default_hooks etc. here: mmengine rejects duplicate
# keys among sibling bases).
custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)
randomness = dict(seed=0, deterministic=False)

det_default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
                    save_best='pascal_voc/mAP', rule='greater'),
)
det_custom_hooks = [dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook'),
                    dict(type='EpochTrainStatsHook')]
# stop when VOC07 mAP (0..1) has not risen by half a point for 3 validations
early_stopping = dict(type='EarlyStoppingHook', monitor='pascal_voc/mAP', rule='greater',
                      min_delta=0.005, patience=3)

det_vis_backends = [dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')]
det_visualizer = dict(type='DetLocalVisualizer', vis_backends=det_vis_backends,
                      name='visualizer')
