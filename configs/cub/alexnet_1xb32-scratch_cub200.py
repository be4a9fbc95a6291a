# Extra variant of report 002-A (the report names AlexNet as an option): torchvision's
# AlexNet (mmpretrain's AlexNet, same layer names) with a 4096->200 last layer,
# from random weights (PyTorch's default layer init, as torchvision's AlexNet),
# with the ResNet-18 recipe: one lr 0.02 for all layers, SGD momentum 0.9,
# wd 1e-3, constant lr, 20 epochs, batch 32, flip + rotation + 224x224 squash,
# last epoch reported.
_base_ = [
    '../_base_/datasets/cub_squash224-rot15_bs32.py',
    '../_base_/schedules/cub_sgd-const_20e.py',
    '../_base_/cls_runtime.py',
]
model = dict(
    type='ImageClassifier',
    backbone=dict(type='InitCfgAlexNet', num_classes=200),  # init_cfg None: PyTorch init
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
              cal_acc=True))
default_hooks = dict(checkpoint=dict(save_best=None))
experiment = dict(backbone='AlexNet', method='random init')
