# Ablation of the upsampled ResNet-18: ResNet-18 @224, SGD, no shift/flip.
_base_ = ['./resnet18-up224_1xb128-sgd-shift-flip_cifar100.py']
data_preprocessor = dict(crop_padding=0, flip_prob=0.0)
experiment = dict(backbone='ResNet-18 @224', method='SGD, no shift/flip')
