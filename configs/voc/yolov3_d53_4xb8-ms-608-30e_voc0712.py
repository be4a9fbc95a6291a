# Modern variant of report 002's experiment 002-C, built on the faithful config
# (yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py: mmdet's COCO YOLOv3 with a
# 20-class head, the same model, data preprocessor, training and 608-px test
# pipelines). Differs from it: one pass of VOC07+12 per epoch (no RepeatDataset
# x3), 8 instead of 5 images per GPU, lr 5e-4 instead of 1e-3 (mmdet's 1e-3 for
# batch 64 scaled to batch 32 by the linear rule), 1,000- instead of
# 2,000-iteration warm-up, x0.1 at epochs 24 and 28, MSE wh loss (mmdet's)
# instead of L1, validation and checkpoints every epoch, early stopping on VOC07
# mAP. Backbone: open-mmlab://darknet53 (ImageNet, mmdet's base); turn it off
# with --cfg-options model.backbone.init_cfg=None.
_base_ = ['./yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py']

model = dict(bbox_head=dict(loss_wh=dict(type='MSELoss', loss_weight=2.0, reduction='sum')))

train_dataloader = dict(batch_size=8, dataset=dict(times=1))
val_dataloader = dict(batch_size=4, num_workers=4)
test_dataloader = val_dataloader

train_cfg = dict(val_interval=1)
optim_wrapper = dict(optimizer=dict(lr=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=1000),
    dict(type='MultiStepLR', by_epoch=True, milestones=[24, 28], gamma=0.1),
]
auto_scale_lr = dict(base_batch_size=32)

default_hooks = dict(logger=dict(interval=20), checkpoint=dict(interval=1))
custom_hooks = [*_base_.custom_hooks, _base_.early_stopping]
experiment = dict(method='YOLOv3, modern variant')
