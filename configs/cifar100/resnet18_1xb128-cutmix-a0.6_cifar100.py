# Report 000, 000-A: ResNet-18 + CutMix with α=0.6 (ablation; see the α=0.4 config).
_base_ = ['./resnet18_1xb128-cutmix-a0.4_cifar100.py']
model = dict(train_cfg=dict(augments=dict(alpha=0.6)))
experiment = dict(report='000-A', backbone='ResNet-18', method='CutMix α=0.6')
