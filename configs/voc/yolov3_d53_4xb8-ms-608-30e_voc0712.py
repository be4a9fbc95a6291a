# Modern variant of report 002's experiment 002-C (faithful:
# yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py). Differs from it: one pass of
# VOC07+12 per epoch (no RepeatDataset x3), 8 instead of 5 images per GPU, lr 5e-4
# instead of 1e-3, 1,000- instead of 2,000-iteration warm-up, x0.1 at epochs 24/28,
# MSE wh loss (mmdet's) instead of L1, validation every epoch, early stopping.
# YOLOv3 DarkNet-53 on VOC07+12: mmdet's COCO YOLOv3 (608 px test) with a
# 20-class head. Data preprocessor: mean 0 / std 255, BGR->RGB, padding to a
# multiple of 32 (mmdet's base). Training augmentation: Expand (up to 2x),
# MinIoURandomCrop, random resize 320-608, flip, photometric distortion.
# 8 images per GPU on 4 GPUs; SGD 1e-3 (mmdet's, for batch 64: scaled to
# batch 32 here by the linear rule -> 5e-4) with warm-up, x0.1 at epochs
# 24 and 28 of 30; early stopping on VOC07 mAP.
# Backbone: open-mmlab://darknet53 (ImageNet, mmdet's base); turn it off
# with --cfg-options model.backbone.init_cfg=None.
# mmdet has no VOC YOLOv3 config, so its COCO one is inherited together with
# this repo's VOC data and runtime pieces (configs/_base_/datasets/
# voc0712_parts.py, configs/_base_/det_runtime_parts.py), applied below by name.
_base_ = [
    'mmdet::yolo/yolov3_d53_8xb8-ms-608-273e_coco.py',
    '../_base_/datasets/voc0712_parts.py',
    '../_base_/det_runtime_parts.py',
]
model = dict(bbox_head=dict(num_classes=20))

# ---- data: VOC07+12 trainval -> VOC07 test, both VOC mAP modes (voc0712_parts.py)
data_root = _base_.voc_data_root
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Expand', mean=[0, 0, 0], to_rgb=True, ratio_range=(1, 2)),
    dict(type='MinIoURandomCrop', min_ious=(0.4, 0.5, 0.6, 0.7, 0.8, 0.9), min_crop_size=0.3),
    dict(type='RandomResize', scale=[(320, 320), (608, 608)], keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(608, 608), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')),
]
train_dataloader = dict(
    batch_size=8, num_workers=4,
    dataset=dict(_base_.voc0712_trainval, _delete_=True, datasets=[
        dict(d, pipeline=train_pipeline) for d in _base_.voc0712_trainval.datasets]))
val_dataloader = dict(
    batch_size=4, num_workers=4,
    dataset=dict(_base_.voc07_test, _delete_=True, pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = _base_.voc_evaluator
test_evaluator = val_evaluator

# ---- schedule
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=1)
optim_wrapper = dict(optimizer=dict(lr=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=1000),
    dict(type='MultiStepLR', by_epoch=True, milestones=[24, 28], gamma=0.1),
]
auto_scale_lr = dict(enable=False, base_batch_size=32)

# ---- this repo's runtime (configs/_base_/det_runtime_parts.py)
default_hooks = _base_.det_default_hooks
custom_hooks = [*_base_.det_custom_hooks, _base_.early_stopping]
vis_backends = _base_.det_vis_backends
visualizer = _base_.det_visualizer
