# Report 002-A, pretrained arm: ResNet-18 with torchvision's ImageNet v1 weights
# (torchvision://resnet18, loaded by name into mmpretrain's ResNet; downloaded
# on first use) and a new 200-way fc, fine-tuned on CUB-200-2011: the fc at
# lr 0.02, every other parameter (BN included) at lr/10 (backbone lr_mult 0.1).
# Everything else as the random-init arm this config extends (constant lr,
# SGD momentum 0.9, wd 1e-3, 20 epochs, batch 32, last epoch reported).
_base_ = ['./resnet18_1xb32-scratch_cub200.py']
model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18')))
optim_wrapper = dict(paramwise_cfg=dict(custom_keys={'backbone': dict(lr_mult=0.1)}))
experiment = dict(report='002-A', backbone='ResNet-18', method='ImageNet-pretrained')
