# Report 000, 000-A: VGG16-BN + Mixup with α=0.6 (ablation; see the α=0.4 config).
_base_ = ['./vgg16-bn_1xb128-mixup-a0.4_cifar100.py']
model = dict(train_cfg=dict(augments=dict(alpha=0.6)))
experiment = dict(report='000-A', backbone='VGG16-BN', method='Mixup α=0.6')
