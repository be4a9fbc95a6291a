# Report 003, run V1: the "initial structure" VGG-19 = plain VGG-19 (16 convs with ReLU, no
# BN; classifier 25088-4096-4096-K with dropout 0.5) from scratch, no augmentation, Adam
# 1e-3 constant, 100 epochs. 139,570,240 + 4,097 K parameters. mmpretrain's VGG init
# (Kaiming-normal convs, N(0, 0.01) linears, zero biases) = torchvision's VGG init.
_base_ = ['../_base_/folder_classification.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(type='VGG', depth=19, num_classes={{_base_.num_classes}}),
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
              cal_acc=True))
train_cfg = dict(max_epochs=100)
experiment = dict(report='003', backbone='VGG-19', method='scratch')
