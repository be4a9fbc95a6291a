# Report 000, 000-A: MobileNetV2 + Mixup with α=0.6 (ablation; see the α=0.4 config).
_base_ = ['./mobilenet-v2_1xb128-mixup-a0.4_cifar100.py']
model = dict(train_cfg=dict(augments=dict(alpha=0.6)))
experiment = dict(report='000-A', backbone='MobileNetV2', method='Mixup α=0.6')
