# Report 000, experiment 000-A (CIFAR-100 matrix): MobileNetV2 for 32 px (1x1 stem, t=6 in
# every block, a bias in every conv), PyTorch default init; baseline = crop +
# flip + rotation ±15° only, no batch augmentation. SGD 0.1, 1-epoch warm-up, x0.2 after
# epochs 50/100/150, 200 epochs, validation on the last 5,000 training images every 2
# epochs, the best-val-top1 checkpoint tested. See configs/cifar100/README.md.
_base_ = ['../_base_/models/mobilenet-v2_cifar.py', '../_base_/cifar100_classification.py']
experiment = dict(report='000-A', backbone='MobileNetV2', method='baseline')
