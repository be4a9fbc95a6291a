# The standard recipe trained on VOC2007 trainval only (5,011 images);
# validation and test stay on VOC2007 test.
_base_ = ['./faster-rcnn_r50_fpn_4xb8-10e_voc0712.py']
train_dataloader = dict(
    dataset=dict(dataset=dict(
        _delete_=True, type='CheckedVOCDataset', data_root={{_base_.data_root}},
        ann_file='VOC2007/ImageSets/Main/trainval.txt', data_prefix=dict(sub_data_root='VOC2007/'),
        filter_cfg=dict(filter_empty_gt=True, min_size=32, bbox_min_size=32),
        pipeline={{_base_.train_pipeline}})))
