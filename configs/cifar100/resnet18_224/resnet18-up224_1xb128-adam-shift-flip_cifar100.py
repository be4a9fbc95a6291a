# The upsampled ResNet-18 with Adam (lr 1e-3) instead of SGD, same decay.
_base_ = ['./resnet18-up224_1xb128-sgd-shift-flip_cifar100.py']
optim_wrapper = dict(optimizer=dict(_delete_=True, type='Adam', lr=1e-3))
experiment = dict(method='Adam, shift + flip')
