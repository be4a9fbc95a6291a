# Report 000, 000-A: VGG16-BN + CutMix(α=0.4): one lambda ~ Beta(α, α) per batch; paste a
# floor(sqrt(1 - lambda) 32)-sided box (centre uniform, clipped) from a random partner; the
# partner's label weight is the pasted area actually used (ExactSizeCutMix).
_base_ = ['./vgg16-bn_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='ExactSizeCutMix', alpha=0.4)))
experiment = dict(report='000-A', backbone='VGG16-BN', method='CutMix α=0.4')
