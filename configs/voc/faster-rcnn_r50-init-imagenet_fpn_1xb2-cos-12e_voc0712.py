# Backbone-initialisation comparison (1 of 3): ImageNet-pretrained ResNet-50
# (torchvision://resnet50, mmdet's default), stem + stage 1 and BN frozen.
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    '../_base_/datasets/voc0712.py',
    '../_base_/schedules/det_sgd-cos_12e.py',
    '../_base_/det_runtime.py',
]
model = dict(
    backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50')),
    roi_head=dict(bbox_head=dict(num_classes=20)))
experiment = dict(backbone='ResNet-50', method='ImageNet init')
