# Report 001, experiment 001-B (faithful), initialisation 3 of 3: the ResNet-50 of a
# COCO-trained Mask R-CNN. As the ImageNet run; the original's `coco_mask_r-cnn_res50.pth`
# (provenance not recorded) is replaced by the backbone of mmdet's Mask R-CNN R50-FPN 1x
# (box AP 38.2) (D): its `backbone.*` weights go into the stem and stages 1-3 and its
# `backbone.layer4.*` into stage 4 (the RoI head's shared head); RPN and RoI layers as
# in the other runs.
_base_ = ['./faster-rcnn_r50-caffe-c4-roipool_init-imagenet_1xb2-nesterov-warmcos-100e_voc07.py']

coco_mask_rcnn = ('https://download.openmmlab.com/mmdetection/v2.0/mask_rcnn/'
                  'mask_rcnn_r50_fpn_1x_coco/mask_rcnn_r50_fpn_1x_coco_20200205-d4b0c5d6.pth')
coco_backbone = dict(type='Pretrained', checkpoint=coco_mask_rcnn, prefix='backbone.')
model = dict(backbone=dict(init_cfg=coco_backbone),
             roi_head=dict(shared_head=dict(init_cfg=coco_backbone)))
experiment = dict(report='001-B', backbone='ResNet-50 C4', method='COCO Mask R-CNN init')
