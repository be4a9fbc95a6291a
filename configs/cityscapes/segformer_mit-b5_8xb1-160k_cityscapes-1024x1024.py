# mmseg's segformer_mit-b5_8xb1-160k_cityscapes-1024x1024
# (Cityscapes, 19 classes) with this repo's runtime.
# Training/base config, an extra variant (not used by report 001-A).
# Checkpoint and reference mIoU: configs/cityscapes/README.md.
_base_ = ['mmseg::segformer/segformer_mit-b5_8xb1-160k_cityscapes-1024x1024.py',
          '../_base_/seg_runtime.py']

default_hooks = _base_.seg_default_hooks
custom_hooks = _base_.seg_custom_hooks
visualizer = _base_.seg_visualizer
