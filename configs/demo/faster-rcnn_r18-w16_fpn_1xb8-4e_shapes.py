# The `make demo-det` experiment: Faster R-CNN with a narrow ResNet-18 (16 base
# channels instead of 64, trained from scratch) and a 3-level FPN on 128x128
# images of circles, squares and triangles (tools/data/make_shapes_voc.py,
# VOC2007 layout), evaluated with VOC mAP at IoU 0.5 (11-point, as VOC2007).
# Sized to train in about two minutes on 2 CPU cores: AdamW with warm-up and
# cosine decay, few RPN/RoI samples, torchvision's RoIAlign with one sample per
# bin, 4 epochs.
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    '../_base_/det_runtime.py',
]

data_root = 'data/shapes_voc/VOCdevkit/'
classes = ('circle', 'square', 'triangle')
image_size = 128
batch_size = 8
max_epochs = 4

model = dict(
    backbone=dict(depth=18, base_channels=16, out_indices=(0, 1, 2), frozen_stages=-1,
                  norm_eval=False, init_cfg=None),
    neck=dict(in_channels=[16, 32, 64], out_channels=64, num_outs=3),
    rpn_head=dict(
        in_channels=64, feat_channels=64,
        # anchors of 16, 32 and 64 px at strides 4, 8, 16: the shapes are 18-56 px
        anchor_generator=dict(scales=[4], strides=[4, 8, 16])),
    roi_head=dict(
        bbox_roi_extractor=dict(
            # torchvision's RoIAlign, one sample per bin: with mmcv's op (adaptive
            # sampling) RoIAlign forward+backward took about half of a CPU iteration
            roi_layer=dict(sampling_ratio=1, use_torchvision=True),
            out_channels=64, featmap_strides=[4, 8, 16]),
        bbox_head=dict(in_channels=64, fc_out_channels=256, num_classes=len(classes))),
    # 64 proposals, 64 RPN and 32 RoI samples per image in training (mmdet: 1000, 256, 512):
    # the demo fits in 3 minutes on 2 slow cores (README)
    train_cfg=dict(
        rpn=dict(sampler=dict(num=64)),
        rpn_proposal=dict(nms_pre=300, max_per_img=64),
        rcnn=dict(sampler=dict(num=32))),
    # the shapes never overlap, so one box per place: class-agnostic NMS drops a
    # weaker second-class box on a shape (mmdet's default NMS is per class)
    test_cfg=dict(
        rpn=dict(nms_pre=300, max_per_img=100),
        rcnn=dict(nms=dict(class_agnostic=True), max_per_img=20)))

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=(image_size, image_size), keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(image_size, image_size), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')),
]
dataset = dict(type='CheckedVOCDataset', data_root=data_root, metainfo=dict(classes=classes),
               data_prefix=dict(sub_data_root='VOC2007/'))
train_dataloader = dict(
    batch_size=batch_size, num_workers=1, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(dataset, ann_file='VOC2007/ImageSets/Main/trainval.txt',
                 filter_cfg=dict(filter_empty_gt=True), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8, num_workers=1, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(dataset, ann_file='VOC2007/ImageSets/Main/test.txt', test_mode=True,
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
# VOC mAP with the per-class rows (AP, recall, gts, dets per class) among the
# metrics; the test also in the area mode: `make demo-det` tabulates both
val_evaluator = dict(type='VOCMetricWithTable', eval_mode='11points', prefix='pascal_voc')
test_evaluator = [val_evaluator,
                  dict(type='VOCMetricWithTable', eval_mode='area', prefix='pascal_voc_area')]

optim_wrapper = dict(optimizer=dict(type='AdamW', lr=2e-3, weight_decay=0.05),
                     clip_grad=dict(max_norm=10, norm_type=2))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0, end=100),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, eta_min=1e-5),
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
# the last checkpoint is tested (the validation split is the test split, as in
# mmdet's VOC configs, so no checkpoint is picked by it)
default_hooks = dict(checkpoint=dict(interval=1, save_best=None, max_keep_ckpts=1))
auto_scale_lr = dict(base_batch_size=batch_size)
