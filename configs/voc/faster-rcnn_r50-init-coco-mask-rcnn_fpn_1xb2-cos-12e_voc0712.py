# Modern variant of report 001's experiment 001-B, COCO Mask R-CNN init (faithful:
# faster-rcnn_r50-caffe-c4-roipool_init-coco-mask-rcnn_1xb2-nesterov-warmcos-100e_voc07.py).
# Differs from it as the ImageNet variant does (the C4 one also loads stage 4).
# Backbone-initialisation comparison (3 of 3): only the backbone of mmdet's
# COCO-trained Mask R-CNN R50-FPN 1x (box AP 38.2, mask AP 34.7 on COCO);
# neck and heads start from scratch as in the other two runs.
_base_ = ['./faster-rcnn_r50-init-imagenet_fpn_1xb2-cos-12e_voc0712.py']
coco_mask_rcnn = ('https://download.openmmlab.com/mmdetection/v2.0/mask_rcnn/'
                  'mask_rcnn_r50_fpn_1x_coco/mask_rcnn_r50_fpn_1x_coco_20200205-d4b0c5d6.pth')
model = dict(backbone=dict(
    init_cfg=dict(type='Pretrained', checkpoint=coco_mask_rcnn, prefix='backbone.')))
experiment = dict(backbone='ResNet-50', method='COCO Mask R-CNN init')
