# VGG19 with BatchNorm from scratch on your image folders (its own 4096-4096 classifier).
_base_ = ['../_base_/folder_classification.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(type='VGG', depth=19, norm_cfg=dict(type='BN'),
                  num_classes={{_base_.num_classes}}),
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
experiment = dict(backbone='VGG19-BN', method='scratch')
