# Extra variant of report 002's experiment 002-B (faithful:
# faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712.py): the modern 002-B variant
# (faster-rcnn_r50_fpn_4xb8-10e_voc0712.py) on VOC2007 only; 002-B trained on VOC07+12.
# The standard recipe trained on VOC2007 trainval only (5,011 images);
# validation and test stay on VOC2007 test.
_base_ = ['./faster-rcnn_r50_fpn_4xb8-10e_voc0712.py']
train_dataloader = dict(dataset=dict(
    dataset=dict(_base_.voc07_trainval, _delete_=True, pipeline=_base_.train_pipeline)))
