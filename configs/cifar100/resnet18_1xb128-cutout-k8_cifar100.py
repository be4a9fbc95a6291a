# ResNet-18 + Cutout: one 8x8 square per image set to 0 (after normalisation).
_base_ = ['./resnet18_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchCutout', size=8)))
experiment = dict(method='Cutout k=8')
