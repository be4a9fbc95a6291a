# ResNet-18 from scratch on your image folders (Kaiming init; see the
# -truncnormal and -pretrained variants).
_base_ = ['mmpretrain::_base_/models/resnet18.py', '../_base_/folder_classification.py']
model = dict(head=dict(num_classes={{_base_.num_classes}}))
experiment = dict(backbone='ResNet-18', method='scratch')
