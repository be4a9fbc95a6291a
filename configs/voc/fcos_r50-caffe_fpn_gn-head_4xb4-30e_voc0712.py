# FCOS ResNet-50 (caffe-style, GN head) on VOC07+12: mmdet's COCO FCOS model
# and losses (focal classification, IoU box regression, centerness BCE)
# with a 20-class head. Batch 16 (4 GPUs x 4), SGD momentum 0.9, wd 1e-4,
# lr 2e-3 with cosine decay to 2e-5 over 30 epochs, early stopping on mAP.
# Backbone: open-mmlab://detectron/resnet50_caffe (mmdet's base); turn it
# off with --cfg-options model.backbone.init_cfg=None.
# mmdet has no VOC FCOS config, so the VOC data and this repo's runtime are
# set here (the same as configs/_base_/datasets/voc0712.py and det_runtime.py).
_base_ = ['mmdet::fcos/fcos_r50-caffe_fpn_gn-head_1x_coco.py']
model = dict(bbox_head=dict(num_classes=20))

# ---- data: VOC07+12 trainval -> VOC07 test, both VOC mAP modes
data_root = 'data/VOCdevkit/'
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
voc_train = dict(type='CheckedVOCDataset', data_root=data_root, pipeline=train_pipeline,
                 filter_cfg=dict(filter_empty_gt=True, min_size=32, bbox_min_size=32))
train_dataloader = dict(
    batch_size=4, num_workers=4,
    dataset=dict(_delete_=True, type='ConcatDataset', ignore_keys=['dataset_type'], datasets=[
        dict(voc_train, ann_file='VOC2007/ImageSets/Main/trainval.txt',
             data_prefix=dict(sub_data_root='VOC2007/')),
        dict(voc_train, ann_file='VOC2012/ImageSets/Main/trainval.txt',
             data_prefix=dict(sub_data_root='VOC2012/')),
    ]))
val_dataloader = dict(
    batch_size=4, num_workers=4,
    dataset=dict(_delete_=True, type='CheckedVOCDataset', data_root=data_root,
                 ann_file='VOC2007/ImageSets/Main/test.txt',
                 data_prefix=dict(sub_data_root='VOC2007/'), test_mode=True,
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = [
    dict(type='VOCMetric', metric='mAP', eval_mode='11points', prefix='pascal_voc'),
    dict(type='VOCMetric', metric='mAP', eval_mode='area', prefix='pascal_voc_area'),
]
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

# ---- this repo's runtime (configs/_base_/det_runtime.py)
custom_imports = dict(imports=['custom_modules'], allow_failed_imports=False)
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=20),
    checkpoint=dict(type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
                    save_best='pascal_voc/mAP', rule='greater'))
custom_hooks = [
    dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook'),
    dict(type='EarlyStoppingHook', monitor='pascal_voc/mAP', rule='greater', min_delta=0.005,
         patience=3),
]
vis_backends = [dict(type='LocalVisBackend'), dict(type='TensorboardVisBackend')]
visualizer = dict(type='DetLocalVisualizer', vis_backends=vis_backends, name='visualizer')
randomness = dict(seed=0, deterministic=False)
