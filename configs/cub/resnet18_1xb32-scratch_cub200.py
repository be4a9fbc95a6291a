# The same ResNet-18 recipe from random initialisation (identical settings,
# including the 0.1x backbone learning rate), for the pretrained-vs-random comparison.
_base_ = ['./resnet18_1xb32-pretrained_cub200.py']
model = dict(backbone=dict(init_cfg=[dict(type='Kaiming', layer=['Conv2d']),
                                     dict(type='Constant', val=1, layer=['_BatchNorm'])]))
experiment = dict(method='random init')
