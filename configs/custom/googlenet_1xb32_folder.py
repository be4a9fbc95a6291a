# GoogLeNet (Inception v1) from scratch on your image folders: the two auxiliary
# classifiers add 0.3 x their losses in training and are not used at test.
# (ImageNet weights: googlenet_1xb32-pretrained_folder.py loads torchvision's by name.)
_base_ = ['../_base_/folder_classification.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(type='GoogLeNet'),
    head=dict(type='GoogLeNetHead', num_classes={{_base_.num_classes}}, aux_weight=0.3,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
experiment = dict(backbone='GoogLeNet', method='scratch')
