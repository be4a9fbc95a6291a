# Report 000, 000-A: ResNet-18 + Mixup(α=0.4): one lambda ~ Beta(α, α) per batch, partner =
# a random permutation of the batch, x = lambda x1 + (1 - lambda) x2,
# loss = lambda CE(y1) + (1 - lambda) CE(y2).
_base_ = ['./resnet18_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='BatchMixup', alpha=0.4)))
experiment = dict(report='000-A', backbone='ResNet-18', method='Mixup α=0.4')
