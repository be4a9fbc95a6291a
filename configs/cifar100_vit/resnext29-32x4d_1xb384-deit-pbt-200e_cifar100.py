# Report 001-C, as reported: ResNeXt-29 (32x4d) trained from scratch on CIFAR-100 with the
# DeiT-style data and population-based training (tools/pbt_search.py, `pbt_search` of the
# base = Table 2); `tools/train.py` alone is one fixed-hyperparameter run (lr 1e-3, wd 1e-3,
# batch 384, crop area >= 0.25, erase p 0.25, drop path 0.1).
# 3x3 stem 3->64 without max-pool, 3 stages x 3 bottlenecks (grouped 3x3 convs 128/256/512
# wide, 32 groups, outputs 256/512/1024, stride on the 3x3), GAP, Linear 1024->100:
# 4,868,004 parameters (tests/test_cifar_vit_models.py). Init as the original (timm):
# convs Kaiming-normal fan_out, BN 1/0 with the last BN of each bottleneck at 0, the stem
# conv and the classifier with PyTorch's default init.
_base_ = ['../_base_/cifar100_deit-pbt.py']

# PyTorch's default Conv2d init = Kaiming-uniform, a = sqrt(5), fan_in, leaky_relu
_pytorch_default_conv = dict(type='Kaiming', a=2.23606797749979, mode='fan_in',
                             nonlinearity='leaky_relu', distribution='uniform')
model = dict(
    backbone=dict(type='CifarResNeXt', depth=29, groups=32, width_per_group=4,
                  drop_path_rate=0.1,  # rising linearly over the 9 blocks
                  zero_init_residual=True,
                  init_cfg=[dict(type='Kaiming', layer='Conv2d', mode='fan_out',
                                 nonlinearity='relu', distribution='normal',
                                 override=dict(name='conv1', **_pytorch_default_conv)),
                            dict(type='Constant', val=1, layer=['_BatchNorm'])]),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=1024,
              init_cfg=None,  # PyTorch's default Linear init
              loss=dict(type='LabelSmoothLoss', label_smooth_val=0.1, mode='original')))
experiment = dict(report='001-C', backbone='ResNeXt-29', method='PBT, DeiT augmentation')
