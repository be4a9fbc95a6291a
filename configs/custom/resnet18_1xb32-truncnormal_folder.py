# ResNet-18 from scratch with truncated-normal initialisation of convs and fc.
_base_ = ['./resnet18_1xb32_folder.py']
model = dict(backbone=dict(init_cfg=[
    dict(type='TruncNormal', layer=['Conv2d'], std=0.02),
    dict(type='Constant', val=1, layer=['_BatchNorm'])]),
    head=dict(init_cfg=dict(type='TruncNormal', layer='Linear', std=0.02)))
experiment = dict(method='scratch, truncated normal')
