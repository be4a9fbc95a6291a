# VGG16-BN + CutMix: paste a floor(sqrt(1 - lambda) W) x floor(sqrt(1 - lambda) H) box
# from another image; its label weight is the pasted area actually used.
_base_ = ['./vgg16-bn_1xb128_cifar100.py']
model = dict(train_cfg=dict(augments=dict(type='CutMix', alpha=0.4)))
experiment = dict(method='CutMix α=0.4')
