# Shared base of the modern CNN-vs-ViT variants (configs/cifar100_vit/*-deit-cos-*):
# DeiT-style data + 200-epoch AdamW schedule with warm-up and cosine decay; Mixup/CutMix,
# the PBT search space and the runtime as in report 001-C's base
# (cifar100_deit_runtime.py). A model config adds the backbone and head (label smoothing 0.1).
_base_ = [
    './datasets/cifar100_deit_bs128.py',
    './schedules/cifar100_adamw_200e.py',
    './cifar100_deit_runtime.py',
]
