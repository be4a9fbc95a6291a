# MobileNetV2 + Mixup with alpha=0.2 (see the alpha=0.4 config).
_base_ = ['./mobilenet-v2_1xb128-mixup-a0.4_cifar100.py']
model = dict(train_cfg=dict(augments=dict(alpha=0.2)))
experiment = dict(method='Mixup α=0.2')
