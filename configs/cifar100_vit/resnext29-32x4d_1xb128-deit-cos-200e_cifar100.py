# MODERN VARIANT of report 001-C (not the reported recipe, see README.md): DeiT cosine
# recipe (lr 5e-4, 5-epoch warm-up + cosine, wd 0.05 not on pos/cls), plain stretched
# random-resized crop, noise erasing, stratified split, batch 128.
# ResNeXt-29 (32 groups x width 4) with a CIFAR stem, trained from scratch with
# the DeiT-style recipe; 4,868,004 parameters (tests/test_cifar_vit_models.py).
_base_ = ['../_base_/cifar100_deit.py']

model = dict(
    backbone=dict(type='CifarResNeXt', depth=29, groups=32, width_per_group=4,
                  drop_path_rate=0.1),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=100, in_channels=1024,
              loss=dict(type='LabelSmoothLoss', label_smooth_val=0.1, mode='original')))
