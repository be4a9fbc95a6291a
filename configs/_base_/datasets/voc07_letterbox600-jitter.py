# Report 000, experiment 000-B (bubbliiing Faster R-CNN R50-C4 on VOC2007): the data.
# Training: VOC2007 `train` (2,501 images), difficult objects deleted, every image kept;
# letterbox jitter to a 600x600 grey canvas -> horizontal flip 0.5 -> HSV gains; batch 4,
# reshuffled, last incomplete batch dropped (625 it/epoch).
# Validation (mAP after epochs 5, 10, 15): VOC2007 `val` (2,510), difficult deleted, short
# side 600 (no cap on the long side), bicubic. Validation loss (every epoch, X1): VOC2007
# `val` letterboxed to 600x600 without jitter, batch 4, last batch dropped (627 batches):
# `val_loss_dataloader`, the loader of the experiment config's DetValLossHook.
# Final test: VOC2007 `test` (4,952) with difficult objects ignored (standard VOC).
# Metric: VOC area AP at IoU 0.5 (`pascal_voc_area/mAP` + per-class rows).
# Resizes use PIL's bicubic (backend 'pillow') as the original code did.
_base_ = ['./voc0712_parts.py']

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='LetterboxJitter', scale=(600, 600), jitter=0.3, scale_range=(0.25, 2.0),
         fill=128, interpolation='bicubic'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='HSVRandomAug', hue_delta=0.1, saturation_delta=0.7, value_delta=0.4),
    dict(type='PackDetInputs'),
]
# the validation-loss input: fit into 600x600 and centre on grey, no flip or colour change
val_loss_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Letterbox', scale=(600, 600), fill=128, interpolation='bicubic'),
    dict(type='PackDetInputs'),
]
# mAP and figures: short side 600, aspect kept, no cap on the long side
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(100000, 600), keep_ratio=True, interpolation='bicubic',
         backend='pillow'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor')),
]

train_dataloader = dict(
    batch_size=4, num_workers=4, persistent_workers=True, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(_base_.voc07_train_no_difficult, pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=1, num_workers=2, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_base_.voc07_val_no_difficult, pipeline=test_pipeline))
test_dataloader = dict(
    batch_size=1, num_workers=2, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_base_.voc07_test, pipeline=test_pipeline))
val_evaluator = _base_.voc_area_evaluator
test_evaluator = val_evaluator

# the experiment config's DetValLossHook reads it:
#   dict(type='DetValLossHook', ..., dataloader=_base_.val_loss_dataloader)
val_loss_dataloader = dict(
    batch_size=4, num_workers=2, persistent_workers=False, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_base_.voc07_val_no_difficult, pipeline=val_loss_pipeline))
