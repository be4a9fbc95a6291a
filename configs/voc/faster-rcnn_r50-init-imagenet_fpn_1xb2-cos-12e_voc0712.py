# Modern variant of report 001's experiment 001-B, ImageNet init (faithful:
# faster-rcnn_r50-caffe-c4-roipool_init-imagenet_1xb2-nesterov-warmcos-100e_voc07.py).
# Differs from it: R50-FPN/RoIAlign/L1 instead of caffe-style R50-C4 with RoIPool 14
# and positive-normalised smooth-L1; VOC07+12 instead of VOC07 trainval, mmdet
# pipeline instead of letterbox jitter + HSV; stage 1 frozen; SGD 0.01 with wd 1e-4
# and clipping instead of Nesterov 1.25e-3 without decay; 500-iteration warm-up +
# cosine over 12 epochs instead of warm-cos-flat over 100; no test-loss curve.
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
