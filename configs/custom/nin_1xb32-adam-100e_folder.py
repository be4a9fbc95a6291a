# Report 003, run N1: Network-in-Network (this repo's ImageNet layout, Kaiming init) from
# scratch, no augmentation, Adam 1e-3 constant, 100 epochs. The slides show no layout.
_base_ = ['../_base_/folder_classification.py']
model = dict(
    type='ImageClassifier',
    backbone=dict(type='NIN', num_classes={{_base_.num_classes}}),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0),
              cal_acc=True))
train_cfg = dict(max_epochs=100)
experiment = dict(report='003', backbone='NIN', method='scratch')
