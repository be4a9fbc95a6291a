# Extra variant of report 003's run R3 (not in the report, whose ResNet depth is unknown):
# ResNet-50 from ImageNet weights (OpenMMLab model zoo) instead of ResNet-18, otherwise as R3:
# the recipe of runs R1/R2 (augmentation, Adam 1e-3 constant, 50 epochs) with these weights.
_base_ = ['./resnet18_1xb32-aug-adam-50e_folder.py']
pretrained = 'https://download.openmmlab.com/mmclassification/v0/resnet/resnet50_8xb32_in1k_20210831-ea4938fc.pth'  # noqa: E501
model = dict(
    backbone=dict(depth=50,
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone')),
    head=dict(in_channels=2048))
experiment = dict(backbone='ResNet-50', method='ImageNet-pretrained, aug')
