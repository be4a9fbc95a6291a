# Ablation of the upsampled ResNet-18: ResNet-18 @32 (no upsampling), SGD, flip.
_base_ = ['./resnet18-up224_1xb128-sgd-shift-flip_cifar100.py']
data_preprocessor = dict(resize_to=None, crop_padding=0)
experiment = dict(backbone='ResNet-18 @32 (no upsampling)', method='SGD, flip')
