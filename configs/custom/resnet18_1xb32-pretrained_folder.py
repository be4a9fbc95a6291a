# ResNet-18 from ImageNet weights (OpenMMLab model zoo, downloaded on first use).
_base_ = ['./resnet18_1xb32_folder.py']
pretrained = 'https://download.openmmlab.com/mmclassification/v0/resnet/resnet18_8xb32_in1k_20210831-fbbb1da6.pth'  # noqa: E501
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone')))
experiment = dict(method='ImageNet-pretrained')
