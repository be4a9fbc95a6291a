# Modern variant (not a report experiment): mmpretrain's ResNet_CIFAR (depth 18:
# downsampling inside the first block of each stage, 1x1 projection shortcuts, bias-free
# convs, mmpretrain's init) on the same data and schedule as the 000-A matrix.
_base_ = ['mmpretrain::_base_/models/resnet18_cifar.py', '../_base_/cifar100_classification.py']
model = dict(head=dict(num_classes=100))
experiment = dict(backbone='ResNet-18 (mmpretrain ResNet_CIFAR)', method='baseline')
