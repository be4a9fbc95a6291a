# ResNet-18 + Mixup: lambda ~ Beta(a, a), x = lambda x1 + (1 - lambda) x2, soft labels alike.
_base_ = ['./resnet18_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchMixup', alpha=0.4)))
experiment = dict(method='Mixup α=0.4')
