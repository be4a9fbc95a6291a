# Extra variant of report 002-A: AlexNet with torchvision's ImageNet weights
# (torchvision://alexnet; mmpretrain's AlexNet has the same layer names; the
# 1000-way last layer does not fit and stays newly initialised). mmpretrain's
# AlexNet holds its classifier, so the new 200-way layer is
# backbone.classifier.6: it trains at lr 0.02, every other layer at lr/10.
_base_ = ['./alexnet_1xb32-scratch_cub200.py']
model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='torchvision://alexnet')))
optim_wrapper = dict(paramwise_cfg=dict(custom_keys={
    'backbone': dict(lr_mult=0.1), 'backbone.classifier.6': dict(lr_mult=1.0)}))
experiment = dict(method='ImageNet-pretrained')
