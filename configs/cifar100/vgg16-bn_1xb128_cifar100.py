# VGG16-BN on CIFAR-100, no batch augmentation (crop + flip only): the baseline.
_base_ = ['../_base_/models/vgg16-bn_cifar.py', '../_base_/cifar100_classification.py']
experiment = dict(backbone='VGG16-BN', method='baseline')
