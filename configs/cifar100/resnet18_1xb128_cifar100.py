# Report 000, experiment 000-A (CIFAR-100 matrix): ResNet-18 in the report's CIFAR layout (bare
# stride-2 transitions, a bias in every conv), PyTorch default init; baseline = crop +
# flip + rotation ±15° only, no batch augmentation. SGD 0.1, 1-epoch warm-up, x0.2 after
# epochs 50/100/150, 200 epochs, validation on the last 5,000 training images every 2
# epochs, the best-val-top1 checkpoint tested. See configs/cifar100/README.md.
_base_ = ['../_base_/models/resnet18_cifar.py', '../_base_/cifar100_classification.py']
experiment = dict(report='000-A', backbone='ResNet-18', method='baseline')
