# Report 000, experiment 000-C (faithful): FCOS-PyTorch ("new" code) on VOC07+12 trainval
# (16,551 images, difficult objects deleted, no image filtered), tested on VOC2007 test
# (difficult deleted) with area AP. PyTorch-style ResNet-50 from torchvision's ImageNet weights
# (stem + stage 1 and every BN frozen), FPN P3-P7, GN head with centre sampling, centerness on
# the regression tower, distances in pixels (norm_on_bbox False); focal + centerness BCE +
# unweighted GIoU losses, each per image / its positives, then averaged (PerImageFCOSHead).
# Augmentation: flip 0.5 -> p 0.3 colour jitter -> p 0.5 rotation +-10 deg -> p 0.5 box-safe
# crop -> short side 800 (long <= 1333) -> pad 32. Batch 16 (1,035 it/epoch), SGD lr 2e-3,
# momentum 0.9, wd 1e-4 on all parameters, no clipping; linear warm-up over 500 iterations,
# x0.1 from iteration 20,001 and again from 27,001; 30 epochs, validated every epoch (the best
# epoch by mAP is the reported model). Values and sources: configs/voc/README.md (000-C).
_base_ = [
    'mmdet::fcos/fcos_r50-caffe_fpn_gn-head-center-normbbox-centeronreg-giou_1x_coco.py',
    '../_base_/datasets/voc0712_parts.py',
    '../_base_/det_runtime_parts.py',
]

# ---- model: PyTorch-style torchvision R50, ImageNet mean/std on RGB in [0, 255]
model = dict(
    data_preprocessor=dict(mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
                           bgr_to_rgb=True, pad_size_divisor=32),
    backbone=dict(style='pytorch', frozen_stages=1,
                  norm_cfg=dict(type='BN', requires_grad=False), norm_eval=True,
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50')),
    bbox_head=dict(
        type='PerImageFCOSHead', num_classes=20, norm_on_bbox=False, centerness_on_reg=True,
        center_sampling=True, center_sample_radius=1.5, conv_bias=True,
        loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25,
                      loss_weight=1.0),
        loss_bbox=dict(type='GIoULoss', loss_weight=1.0),
        loss_centerness=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0)),
    test_cfg=dict(nms_pre=1000, min_bbox_size=0, score_thr=0.05,
                  nms=dict(type='nms', iou_threshold=0.6), max_per_img=1000))

# ---- data (difficult objects deleted, no size filters: voc0712_parts.py *_no_difficult)
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply', prob=0.3, transforms=[
        dict(type='TorchvisionColorJitter', brightness=0.1, contrast=0.1, saturation=0.1,
             hue=0.1)]),
    # U(-10, 10) degrees (mmdet rounds to 0.1 degree), black border, boxes = rotated corners' hull
    dict(type='Rotate', prob=0.5, min_mag=0.0, max_mag=10.0, reversal_prob=0.5,
         img_border_value=0, interpolation='nearest'),
    dict(type='BoxSafeRandomCrop', prob=0.5, area_range=(0.2, 1.0),
         aspect_range=(3 / 4, 4 / 3), swap_prob=0.5, min_kept=0.7, max_attempts=10),
    dict(type='Resize', scale=(1333, 800), keep_ratio=True),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(1333, 800), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')),
]
# plain shuffled batches (mmdet's COCO base groups them by aspect ratio), last one kept
train_dataloader = dict(
    _delete_=True, batch_size=16, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(_base_.voc0712_trainval_no_difficult, datasets=[
        dict(d, pipeline=train_pipeline)
        for d in _base_.voc0712_trainval_no_difficult.datasets]))
val_dataloader = dict(
    _delete_=True, batch_size=1, num_workers=2, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_base_.voc07_test_no_difficult, pipeline=test_pipeline))
test_dataloader = val_dataloader
# pascal_voc_area/mAP + per-class rows (replaces the COCO metric of mmdet's base)
val_evaluator = dict(_base_.voc_area_evaluator, _delete_=True)
test_evaluator = val_evaluator

# ---- schedule: iteration-based warm-up and steps as the original loop
max_epochs = 30
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=2e-3, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    # lr = 2e-3 * g / 501 at iteration g = 1..501 (1-indexed)
    dict(type='LinearLR', start_factor=1 / 501, by_epoch=False, begin=0, end=501),
    # x0.1 from iteration 20,001 and x0.01 from 27,001 (epochs 20 and 27 at batch 16)
    dict(type='MultiStepLR', by_epoch=False, begin=0, milestones=[20000, 27000], gamma=0.1),
]
auto_scale_lr = dict(enable=False, base_batch_size=16)

# ---- this repo's runtime (configs/_base_/det_runtime_parts.py); every iteration's raw
# losses are logged (the report's per-iteration loss curves), the best epoch by area mAP kept
default_hooks = dict(
    _base_.det_default_hooks,
    logger=dict(type='LoggerHook', interval=1),
    checkpoint=dict(_base_.det_default_hooks.checkpoint, save_best='pascal_voc_area/mAP'))
log_processor = dict(type='LogProcessor', window_size=1, by_epoch=True)
custom_hooks = _base_.det_custom_hooks
vis_backends = _base_.det_vis_backends
visualizer = _base_.det_visualizer
experiment = dict(report='000-C', backbone='ResNet-50 FPN', method='FCOS')
