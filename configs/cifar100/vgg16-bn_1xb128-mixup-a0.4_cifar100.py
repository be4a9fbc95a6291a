# Report 000, 000-A: VGG16-BN + Mixup(α=0.4): one lambda ~ Beta(α, α) per batch, partner =
# a random permutation of the batch, x = lambda x1 + (1 - lambda) x2,
# loss = lambda CE(y1) + (1 - lambda) CE(y2).
_base_ = ['./vgg16-bn_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchMixup', alpha=0.4)))
experiment = dict(report='000-A', backbone='VGG16-BN', method='Mixup α=0.4')
