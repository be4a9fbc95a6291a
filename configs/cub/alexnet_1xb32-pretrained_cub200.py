# AlexNet with ImageNet weights (torchvision's, whose layer names match
# mmpretrain's AlexNet; downloaded on first use). mmpretrain's AlexNet holds its
# classifier, so the new 200-way layer is backbone.classifier.6: it keeps the
# full learning rate, every other layer 0.1x.
_base_ = [
    '../_base_/datasets/cub_bs32.py',
    '../_base_/schedules/cub_sgd_20e.py',
    '../_base_/cls_runtime.py',
]
pretrained = 'https://download.pytorch.org/models/alexnet-owt-7be5be79.pth'
model = dict(
    type='ImageClassifier',
    backbone=dict(type='InitCfgAlexNet', num_classes=200,
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained)),
    head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss', loss_weight=1.0)))
optim_wrapper = dict(paramwise_cfg=dict(custom_keys={
    'backbone': dict(lr_mult=0.1), 'backbone.classifier.6': dict(lr_mult=1.0)}))
experiment = dict(backbone='AlexNet', method='ImageNet-pretrained')
