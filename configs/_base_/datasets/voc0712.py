# Pascal VOC: VOC2007 + VOC2012 trainval for training, VOC2007 test for
# validation and test (mmdet's base), read by CheckedVOCDataset (clear errors
# for broken files). One epoch = one pass over the 16,551 trainval images
# (mmdet's base repeats them 3 times). Evaluated with VOC mAP at IoU 0.5 in
# both modes: 11-point (VOC2007, `pascal_voc/mAP`) and area under the
# precision-recall curve (VOC2010+, `pascal_voc_area/mAP`); each prints the
# per-class table (class, gts, dets, recall, ap).
_base_ = ['mmdet::_base_/datasets/voc0712.py']

data_root = 'data/VOCdevkit/'
voc_train = dict(type='CheckedVOCDataset', data_root=data_root,
                 filter_cfg=dict(filter_empty_gt=True, min_size=32, bbox_min_size=32),
                 pipeline={{_base_.train_pipeline}})
train_dataloader = dict(
    dataset=dict(
        times=1,
        dataset=dict(datasets=[
            dict(voc_train, ann_file='VOC2007/ImageSets/Main/trainval.txt',
                 data_prefix=dict(sub_data_root='VOC2007/')),
            dict(voc_train, ann_file='VOC2012/ImageSets/Main/trainval.txt',
                 data_prefix=dict(sub_data_root='VOC2012/')),
        ])))
val_dataloader = dict(dataset=dict(type='CheckedVOCDataset', data_root=data_root))
test_dataloader = val_dataloader

val_evaluator = [
    dict(type='VOCMetric', metric='mAP', eval_mode='11points', prefix='pascal_voc'),
    dict(type='VOCMetric', metric='mAP', eval_mode='area', prefix='pascal_voc_area'),
]
test_evaluator = val_evaluator
