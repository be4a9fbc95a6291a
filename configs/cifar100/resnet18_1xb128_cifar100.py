# ResNet-18 on CIFAR-100, no batch augmentation (crop + flip only): the baseline.
_base_ = ['../_base_/models/resnet18_cifar.py', '../_base_/cifar100_classification.py']
experiment = dict(backbone='ResNet-18', method='baseline')
