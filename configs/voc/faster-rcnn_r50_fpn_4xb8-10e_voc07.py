# The standard recipe trained on VOC2007 trainval only (5,011 images);
# validation and test stay on VOC2007 test.
_base_ = ['./faster-rcnn_r50_fpn_4xb8-10e_voc0712.py']
train_dataloader = dict(dataset=dict(
    dataset=dict(_base_.voc07_trainval, _delete_=True, pipeline=_base_.train_pipeline)))
