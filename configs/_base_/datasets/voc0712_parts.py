# Pascal VOC as named pieces, without pipelines (each detector has its own):
# VOC2007 + VOC2012 trainval for training (16,551 images), VOC2007 test for
# validation and test, read by CheckedVOCDataset (clear errors for broken
# files), and VOC mAP at IoU 0.5 in both modes: 11-point (VOC2007,
# `pascal_voc/mAP`) and area under the precision-recall curve (VOC2010+,
# `pascal_voc_area/mAP`); each prints the per-class table (class, gts, dets,
# recall, ap). voc0712.py applies them to mmdet's VOC base. A config that
# inherits a complete mmdet COCO config (FCOS, YOLOv3) inherits this file beside
# it and sets its dataloaders from these pieces plus its pipelines, e.g.
#   dataset=dict(_base_.voc0712_trainval, _delete_=True, datasets=[
#       dict(d, pipeline=train_pipeline) for d in _base_.voc0712_trainval.datasets])
# (they cannot be named train_dataloader etc. here: mmengine rejects duplicate
# keys among sibling bases).
voc_data_root = 'data/VOCdevkit/'
voc07_trainval = dict(type='CheckedVOCDataset', data_root=voc_data_root,
                      ann_file='VOC2007/ImageSets/Main/trainval.txt',
                      data_prefix=dict(sub_data_root='VOC2007/'),
                      filter_cfg=dict(filter_empty_gt=True, min_size=32, bbox_min_size=32))
voc0712_trainval = dict(type='ConcatDataset', ignore_keys=['dataset_type'], datasets=[
    voc07_trainval,
    dict(voc07_trainval, ann_file='VOC2012/ImageSets/Main/trainval.txt',
         data_prefix=dict(sub_data_root='VOC2012/')),
])
voc07_test = dict(type='CheckedVOCDataset', data_root=voc_data_root,
                  ann_file='VOC2007/ImageSets/Main/test.txt',
                  data_prefix=dict(sub_data_root='VOC2007/'), test_mode=True)
voc_evaluator = [
    dict(type='VOCMetric', metric='mAP', eval_mode='11points', prefix='pascal_voc'),
    dict(type='VOCMetric', metric='mAP', eval_mode='area', prefix='pascal_voc_area'),
]

# The bubbliiing Faster R-CNN (reports 000/001) and the FCOS-PyTorch code
# (report 000) read VOC lists with difficult objects *deleted* from the
# annotations, in training and in the evaluation ground truth (drop_difficult:
# detections on them count as false positives), and keep every listed image
# (no empty-image, image-size or bbox_min_size filter).
voc07_no_difficult = dict(type='CheckedVOCDataset', data_root=voc_data_root,
                          data_prefix=dict(sub_data_root='VOC2007/'), drop_difficult=True,
                          filter_cfg=dict(filter_empty_gt=False, min_size=0))
voc07_train_no_difficult = dict(voc07_no_difficult,
                                ann_file='VOC2007/ImageSets/Main/train.txt')  # 2,501
voc07_val_no_difficult = dict(voc07_no_difficult, ann_file='VOC2007/ImageSets/Main/val.txt',
                              test_mode=True)  # 2,510
voc07_trainval_no_difficult = dict(voc07_no_difficult,
                                   ann_file='VOC2007/ImageSets/Main/trainval.txt')  # 5,011
voc07_test_no_difficult = dict(voc07_no_difficult, ann_file='VOC2007/ImageSets/Main/test.txt',
                               test_mode=True)  # 4,952
voc0712_trainval_no_difficult = dict(
    type='ConcatDataset', ignore_keys=['dataset_type'], datasets=[
        voc07_trainval_no_difficult,
        dict(voc07_trainval_no_difficult, ann_file='VOC2012/ImageSets/Main/trainval.txt',
             data_prefix=dict(sub_data_root='VOC2012/'))])  # 16,551
# area AP only (all-point interpolation, VOC2010+), per-class rows too
voc_area_evaluator = dict(type='VOCMetricWithTable', metric='mAP', eval_mode='area',
                          prefix='pascal_voc_area')
