# Report 000, 000-A: VGG16-BN + CutMix with α=0.6 (ablation): the baseline plus
# the α=0.4 config's batch augmentation at α=0.6.
_base_ = ['./vgg16-bn_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='ExactSizeCutMix', alpha=0.6)))
experiment = dict(report='000-A', backbone='VGG16-BN', method='CutMix α=0.6')
