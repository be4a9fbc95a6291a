# Report 002, experiment 002-B (faithful): mmdet Faster R-CNN R50-FPN on VOC07+12
# as the seed ran it (configs/voc/README.md, 002-B). mmdet's model and VOC0712 bases unchanged
# but for 20 classes: torchvision ImageNet R50 (pytorch style, stage 1 + BN
# frozen), RoIAlign 7, L1 box / CE class losses; mmdet's VOC filters (min_size 32,
# bbox_min_size 32 = training boxes < 32 px ignored, filter_empty_gt);
# RepeatDataset x3 (one epoch = three passes, 1,552 it at 8 images/GPU x 4 GPUs);
# SGD 0.01, momentum 0.9, wd 1e-4, no clipping, no warm-up, x0.1 after epoch 3;
# 7 epochs (the seed stopped its 10-epoch run by hand after epoch 7, J17: a fixed
# stop, no early-stopping rule); VOC07 test every epoch, 11-point mAP (plus the
# area AP of X5 as an extra key), batch 1. Modern/extra variants:
# faster-rcnn_r50_fpn_4xb8-10e_voc0712.py and faster-rcnn_r50_fpn_4xb8-10e_voc07.py.
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    '../_base_/datasets/voc0712.py',
    '../_base_/det_runtime.py',
]
model = dict(roi_head=dict(bbox_head=dict(num_classes=20)))

train_dataloader = dict(batch_size=8, num_workers=4, dataset=dict(times=3))
val_dataloader = dict(batch_size=1, num_workers=2)
test_dataloader = val_dataloader
# 11-point VOC2007 mAP (the seed's) with the per-class table (gts, dets, recall,
# ap) as metric values; area AP (X5) beside it under its own prefix
val_evaluator = [
    dict(type='VOCMetricWithTable', metric='mAP', eval_mode='11points', prefix='pascal_voc'),
    dict(type='VOCMetricWithTable', metric='mAP', eval_mode='area', prefix='pascal_voc_area'),
]
test_evaluator = val_evaluator

max_epochs = 7
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4))
# lr 0.01 from the first iteration; 0.001 from epoch 4 on
param_scheduler = [
    dict(type='MultiStepLR', by_epoch=True, begin=0, end=max_epochs, milestones=[3], gamma=0.1),
]
auto_scale_lr = dict(enable=False, base_batch_size=32)  # the seed's 4 GPUs x 8 images

default_hooks = dict(logger=dict(interval=50),  # mmdet's default: the seed's loss curve points
                     checkpoint=dict(keep_epochs=[4]))  # the 002 comparison figure's weights
# the 002-B figure: first 100 RPN proposals after NMS next to the detections
# scoring >= 0.3, for the first 4 VOC07-test images, at every validation and test:
# <run dir>/proposal_vis/{epoch_N,test}/<image id>.png. [0, 1, 2, 3] = the first 4 ids of
# VOC2007/ImageSets/Main/test.txt (000001-000004), chosen by id on every GPU
proposal_vis = dict(type='ProposalVisHook', images=[0, 1, 2, 3], num_proposals=100,
                    score_thr=0.3)
custom_hooks = [*_base_.custom_hooks, proposal_vis]
experiment = dict(report='002-B', backbone='ResNet-50 FPN', method='Faster R-CNN (mmdetection)')
