# The AlexNet recipe from random initialisation (identical settings).
_base_ = ['./alexnet_1xb32-pretrained_cub200.py']
model = dict(backbone=dict(
    init_cfg=dict(_delete_=True, type='Kaiming', layer=['Conv2d', 'Linear'])))
experiment = dict(method='random init')
