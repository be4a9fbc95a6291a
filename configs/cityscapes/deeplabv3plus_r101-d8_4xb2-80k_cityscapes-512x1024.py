# mmseg's deeplabv3plus_r101-d8_4xb2-80k_cityscapes-512x1024
# (Cityscapes, 19 classes) with this repo's runtime.
# Training/base config, an extra variant (not used by report 001-A).
# Checkpoint and reference mIoU: configs/cityscapes/README.md.
_base_ = ['mmseg::deeplabv3plus/deeplabv3plus_r101-d8_4xb2-80k_cityscapes-512x1024.py',
          '../_base_/seg_runtime.py']

default_hooks = _base_.seg_default_hooks
custom_hooks = _base_.seg_custom_hooks
visualizer = _base_.seg_visualizer
