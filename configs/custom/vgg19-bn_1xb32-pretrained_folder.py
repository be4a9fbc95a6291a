# VGG19-BN from ImageNet weights (OpenMMLab model zoo); the last classifier layer
# has a different size and is trained from scratch.
_base_ = ['./vgg19-bn_1xb32_folder.py']
pretrained = 'https://download.openmmlab.com/mmclassification/v0/vgg/vgg19_bn_batch256_imagenet_20210208-da620c4f.pth'  # noqa: E501
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone')))
experiment = dict(method='ImageNet-pretrained')
