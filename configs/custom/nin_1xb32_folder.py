# Network-in-Network from scratch on your image folders (no ImageNet weights
# exist in the OpenMMLab zoo). Truncated-normal init instead: replace the
# backbone's init_cfg with dict(type='TruncNormal', layer='Conv2d', std=0.02).
_base_ = ['../_base_/folder_classification.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(type='NIN', num_classes={{_base_.num_classes}}),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
experiment = dict(backbone='NIN', method='scratch')
