# Modern variant of report 001's experiment 001-B, random init (faithful:
# faster-rcnn_r50-caffe-c4-roipool_init-random_1xb2-nesterov-warmcos-100e_voc07.py).
# Differs from it as the ImageNet variant does, and: Kaiming init with BN trained
# instead of N(0, 0.02) convs with BN statistics frozen.
# Backbone-initialisation comparison (2 of 3): random (Kaiming) ResNet-50.
# Nothing is frozen and BN trains (frozen random layers would never learn).
_base_ = ['./faster-rcnn_r50-init-imagenet_fpn_1xb2-cos-12e_voc0712.py']
model = dict(backbone=dict(init_cfg=None, frozen_stages=-1, norm_eval=False))
experiment = dict(backbone='ResNet-50', method='random init')
