# Modern/extra variant of report 002's experiment 002-B (the faithful config is
# faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712.py). Differs from it: one pass of
# VOC07+12 per epoch (no RepeatDataset x3), 500-iteration warm-up, x0.1 at epoch 8
# of 10 instead of after epoch 3 of 7, early stopping, validation batch 8, 20
# proposals in the figure hook.
# Faster R-CNN ResNet-50 FPN, standard recipe: SGD 0.01 (momentum 0.9, wd 1e-4),
# 8 images per GPU on 4 GPUs, 10 epochs (x0.1 at epoch 8), early stopping on
# VOC07 mAP. ImageNet backbone from torchvision://resnet50 (mmdet's base);
# turn it off with --cfg-options model.backbone.init_cfg=None.
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    '../_base_/datasets/voc0712.py',
    '../_base_/det_runtime.py',
]
model = dict(roi_head=dict(bbox_head=dict(num_classes=20)))

train_dataloader = dict(batch_size=8, num_workers=4)
val_dataloader = dict(batch_size=8, num_workers=4)
test_dataloader = val_dataloader

max_epochs = 10
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', by_epoch=True, begin=0, end=max_epochs, milestones=[8], gamma=0.1),
]
# proposals vs final detections of the first 4 test images at every validation
# and test: <run dir>/proposal_vis/{epoch_N,test}/<image id>.png
proposal_vis = dict(type='ProposalVisHook', images=[0, 1, 2, 3], num_proposals=20, score_thr=0.3)
custom_hooks = [*_base_.det_custom_hooks, _base_.early_stopping, proposal_vis]
# lr 0.01 is for 4 GPUs x 8 images; --auto-scale-lr rescales it for other batch sizes
auto_scale_lr = dict(enable=False, base_batch_size=32)
