# mmseg's pspnet_r50-d8_4xb2-80k_cityscapes-512x1024
# (Cityscapes, 19 classes) with this repo's runtime.
# Training/base config; report 001-A runs it as
# pspnet_r50-d8_4xb2-80k_cityscapes-512x1024_native_camvid.py
# (Fig. 4 comparison model).
# Checkpoint and reference mIoU: configs/cityscapes/README.md.
_base_ = ['mmseg::pspnet/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py',
          '../_base_/seg_runtime.py']

default_hooks = _base_.seg_default_hooks
custom_hooks = _base_.seg_custom_hooks
visualizer = _base_.seg_visualizer
