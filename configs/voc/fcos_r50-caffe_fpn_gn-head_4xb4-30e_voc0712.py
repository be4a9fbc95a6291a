# Modern variant of report 000's experiment 000-C (the faithful config is
# fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py; this one keeps
# mmdet's caffe R50, IoU loss without centre sampling, batch-normalised and
# centerness-weighted losses, no rotation/crop/colour jitter, 1000x600 inputs and a
# cosine schedule). FCOS ResNet-50 (caffe-style, GN head) on VOC07+12: mmdet's COCO FCOS model
# and losses (focal classification, IoU box regression, centerness BCE)
# with a 20-class head. Batch 16 (4 GPUs x 4), SGD momentum 0.9, wd 1e-4,
# lr 2e-3 with cosine decay to 2e-5 over 30 epochs, early stopping on mAP.
# Backbone: open-mmlab://detectron/resnet50_caffe (mmdet's base); turn it
# off with --cfg-options model.backbone.init_cfg=None.
# mmdet has no VOC FCOS config, so its COCO one is inherited together with
# this repo's VOC data and runtime pieces (configs/_base_/datasets/
# voc0712_parts.py, configs/_base_/det_runtime_parts.py), applied below by name.
_base_ = [
    'mmdet::fcos/fcos_r50-caffe_fpn_gn-head_1x_coco.py',
    '../_base_/datasets/voc0712_parts.py',
    '../_base_/det_runtime_parts.py',
]
model = dict(bbox_head=dict(num_classes=20))

# ---- data: VOC07+12 trainval -> VOC07 test, both VOC mAP modes (voc0712_parts.py)
data_root = _base_.voc_data_root
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=(1000, 600), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(1000, 600), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')),
]
train_dataloader = dict(
    batch_size=4, num_workers=4,
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
optim_wrapper = dict(optimizer=dict(type='SGD', lr=2e-3, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='ConstantLR', factor=1.0 / 3, by_epoch=False, begin=0, end=500),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, T_max=max_epochs,
         eta_min=2e-5),
]
auto_scale_lr = dict(enable=False, base_batch_size=16)

# ---- this repo's runtime (configs/_base_/det_runtime_parts.py)
default_hooks = _base_.det_default_hooks
custom_hooks = [*_base_.det_custom_hooks, _base_.early_stopping]
vis_backends = _base_.det_vis_backends
visualizer = _base_.det_visualizer
