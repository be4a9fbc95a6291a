# Backbone-initialisation comparison (2 of 3): random (Kaiming) ResNet-50.
# Nothing is frozen and BN trains (frozen random layers would never learn).
_base_ = ['./faster-rcnn_r50-init-imagenet_fpn_1xb2-cos-12e_voc0712.py']
model = dict(backbone=dict(init_cfg=None, frozen_stages=-1, norm_eval=False))
experiment = dict(backbone='ResNet-50', method='random init')
