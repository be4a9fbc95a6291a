# ResNet-18 with ImageNet weights (downloaded from the OpenMMLab model zoo on
# first use) and a new 200-way fc trained from scratch at the full learning
# rate; the backbone trains at 0.1x.
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../_base_/datasets/cub_bs32.py',
    '../_base_/schedules/cub_sgd_20e.py',
    '../_base_/cls_runtime.py',
]
pretrained = 'https://download.openmmlab.com/mmclassification/v0/resnet/resnet18_8xb32_in1k_20210831-fbbb1da6.pth'  # noqa: E501
model = dict(
    backbone=dict(init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone')),
    head=dict(num_classes=200))
experiment = dict(backbone='ResNet-18', method='ImageNet-pretrained')
