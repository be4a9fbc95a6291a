# Report 000, 000-A: ResNet-18 + Mixup with α=0.6 (ablation): the baseline plus
# the α=0.4 config's batch augmentation at α=0.6.
_base_ = ['./resnet18_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchMixup', alpha=0.6)))
experiment = dict(report='000-A', backbone='ResNet-18', method='Mixup α=0.6')
