# Report 003, run R3: ResNet-18 from ImageNet weights (OpenMMLab model zoo, downloaded on
# first use; a new classifier) with the training augmentation, Adam 1e-3 constant, 50 epochs.
_base_ = ['./resnet18_1xb32-aug-adam-50e_folder.py']
pretrained = 'https://download.openmmlab.com/mmclassification/v0/resnet/resnet18_8xb32_in1k_20210831-fbbb1da6.pth'  # noqa: E501
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone')))
experiment = dict(report='003', backbone='ResNet-18', method='ImageNet-pretrained, aug')
