# Pascal VOC on mmdet's VOC base: VOC2007 + VOC2012 trainval for training,
# VOC2007 test for validation and test, CheckedVOCDataset and both VOC mAP
# modes (the pieces of voc0712_parts.py), with mmdet's pipelines. One epoch =
# one pass over the 16,551 trainval images (mmdet's base repeats them 3 times).
_base_ = ['mmdet::_base_/datasets/voc0712.py', './voc0712_parts.py']

data_root = _base_.voc_data_root
train_dataloader = dict(
    dataset=dict(
        times=1,
        dataset=dict(datasets=[dict(d, pipeline=_base_.train_pipeline)
                               for d in _base_.voc0712_trainval.datasets])))
val_dataloader = dict(dataset=_base_.voc07_test)
test_dataloader = val_dataloader

val_evaluator = _base_.voc_evaluator
test_evaluator = val_evaluator
