# VGG16-BN + CutMix with alpha=0.2 (see the alpha=0.4 config).
_base_ = ['./vgg16-bn_1xb128-cutmix-a0.4_cifar100.py']
model = dict(train_cfg=dict(augments=dict(alpha=0.2)))
experiment = dict(method='CutMix α=0.2')
