# ResNet-50 from scratch on your image folders.
_base_ = ['mmpretrain::_base_/models/resnet50.py', '../_base_/folder_classification.py']
model = dict(head=dict(num_classes={{_base_.num_classes}}))
experiment = dict(backbone='ResNet-50', method='scratch')
