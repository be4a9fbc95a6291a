# Report 000, 000-A: ResNet-18 + Cutout(k=8): one 8x8 square per training image (centre uniform,
# clipped at the border) set to 0 after normalisation; labels unchanged.
_base_ = ['./resnet18_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchCutout', size=8)))
experiment = dict(report='000-A', backbone='ResNet-18', method='Cutout k=8')
