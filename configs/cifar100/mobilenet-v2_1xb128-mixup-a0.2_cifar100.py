# Report 000, 000-A: MobileNetV2 + Mixup with α=0.2 (ablation): the baseline plus
# the α=0.4 config's batch augmentation at α=0.2.
_base_ = ['./mobilenet-v2_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchMixup', alpha=0.2)))
experiment = dict(report='000-A', backbone='MobileNetV2', method='Mixup α=0.2')
