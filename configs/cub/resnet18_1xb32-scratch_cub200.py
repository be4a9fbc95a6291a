# Report 002-A, random-init arm: torchvision's ResNet-18 layout (mmpretrain's
# ResNet, same layer names) with a 200-way fc, trained from random weights on
# CUB-200-2011 with the pretrained arm's settings: one lr (0.02) for every layer,
# SGD momentum 0.9, wd 1e-3, constant lr, 20 epochs, batch 32.
# Init as torchvision's: mmpretrain's default ResNet init (Kaiming-normal
# fan_out convs, BN weight 1 / bias 0) without its zero-init of the residual
# BN, and the fc with PyTorch's default Linear init (head init_cfg=None).
# The reported model is the last epoch's: no best checkpoint is kept, so
# tools/run_matrix.py tests last_checkpoint (epoch_20.pth).
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../_base_/datasets/cub_squash224-rot15_bs32.py',
    '../_base_/schedules/cub_sgd-const_20e.py',
    '../_base_/cls_runtime.py',
]
model = dict(
    backbone=dict(zero_init_residual=False),
    head=dict(num_classes=200, cal_acc=True, init_cfg=None))  # cal_acc: training accuracy
default_hooks = dict(checkpoint=dict(save_best=None))
experiment = dict(report='002-A', backbone='ResNet-18', method='random init')
