# The 20-superclass (coarse label) task with the Adam recipe (lr 1e-3).
_base_ = ['./resnet18-up224_1xb128-sgd-shift-flip_cifar100-coarse.py']
optim_wrapper = dict(optimizer=dict(_delete_=True, type='Adam', lr=1e-3))
experiment = dict(method='Adam, shift + flip')
