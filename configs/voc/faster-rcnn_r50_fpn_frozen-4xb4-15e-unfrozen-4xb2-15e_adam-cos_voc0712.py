# Modern variant of report 000's experiment 000-B (faithful:
# faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py). Differs from it:
# R50-FPN with RoIAlign and L1 losses instead of R50-C4 with RoIPool 14 and
# positive-normalised smooth-L1; ImageNet backbone instead of a VOC-capable
# detector init; VOC07+12 trainval -> VOC07 test instead of VOC07 train/val/test
# with difficult objects dropped; Resize(1000, 600) instead of letterbox jitter +
# HSV; stage 4 frozen too; 15 frozen + 15 unfrozen epochs (the seed ran only 15
# frozen) with plain cosine instead of warm-up + cosine + flat tail; early stopping.
# Faster R-CNN R50-FPN, frozen-then-unfrozen recipe in one run: the whole
# ImageNet backbone frozen for the first 15 epochs at 4 images per GPU, then
# BackboneUnfreezeHook makes it trainable (stem and stage 1 stay frozen, as in
# mmdet's fine-tuning default) and switches to 2 images per GPU for 15 more
# epochs. Adam lr 1e-4, cosine decay to 1e-6 over the 30 epochs.
_base_ = ['./faster-rcnn_r50_fpn_4xb8-10e_voc0712.py']

unfreeze_epoch = 15
max_epochs = 30
model = dict(backbone=dict(frozen_stages=4))
train_dataloader = dict(batch_size=4)
train_cfg = dict(max_epochs=max_epochs)
optim_wrapper = dict(_delete_=True, type='OptimWrapper',
                     optimizer=dict(type='Adam', lr=1e-4, weight_decay=0))
param_scheduler = [
    dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=max_epochs, T_max=max_epochs,
         eta_min=1e-6),
]
custom_hooks = [
    *_base_.det_custom_hooks,
    dict(type='BackboneUnfreezeHook', unfreeze_epoch=unfreeze_epoch, frozen_stages=1,
         batch_size=2),
    # a plateau while frozen must not end the run before the backbone trains
    dict(_base_.early_stopping, patience=5),
    _base_.proposal_vis,
]
auto_scale_lr = dict(base_batch_size=16)
