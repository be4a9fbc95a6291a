# mmseg's ocrnet_hr48_4xb2-160k_cityscapes-512x1024
# (Cityscapes, 19 classes) with this repo's runtime.
# Training/base config; report 001-A runs it as
# ocrnet_hr48_4xb2-160k_cityscapes-512x1024_tta-ms4-native_camvid.py
# (native CamVid frames, 4 scales).
# Checkpoint and reference mIoU: configs/cityscapes/README.md.
_base_ = ['mmseg::ocrnet/ocrnet_hr48_4xb2-160k_cityscapes-512x1024.py',
          '../_base_/seg_runtime.py']

default_hooks = _base_.seg_default_hooks
custom_hooks = _base_.seg_custom_hooks
visualizer = _base_.seg_visualizer
