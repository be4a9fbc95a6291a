# mmpretrain's standard ResNet_CIFAR (depth 18: downsampling inside the first
# block of each stage, 1x1 projection shortcuts) on the same data and schedule.
_base_ = ['mmpretrain::_base_/models/resnet18_cifar.py', '../_base_/cifar100_classification.py']
model = dict(head=dict(num_classes=100))
experiment = dict(backbone='ResNet-18 (mmpretrain ResNet_CIFAR)', method='baseline')
