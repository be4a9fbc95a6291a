# MobileNetV2 on CIFAR-100, no batch augmentation (crop + flip only): the baseline.
_base_ = ['../_base_/models/mobilenet-v2_cifar.py', '../_base_/cifar100_classification.py']
experiment = dict(backbone='MobileNetV2', method='baseline')
