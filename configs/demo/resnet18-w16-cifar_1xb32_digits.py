# The `make demo` experiment: mmpretrain's CIFAR ResNet-18 trained on
# scikit-learn's digits written in the CIFAR-10 on-disk format
# (tools/data/digits_to_cifar.py), 10% of train held out for validation,
# evaluated (top-1/top-5) on the held-out test batch.
# Narrowed to 16 base channels (w16; mmpretrain's is 64): 1/16 of the
# convolution work, so the demo runs in under 3 minutes on 2 CPU cores;
# 8x8 digits need no more width to pass the demo's 95% bar.
_base_ = [
    'mmpretrain::_base_/models/resnet18_cifar.py',
    '../_base_/cls_runtime.py',
]

data_root = 'data/digits_cifar'
num_classes = 10
batch_size = 32

model = dict(backbone=dict(stem_channels=16, base_channels=16),
             head=dict(num_classes=num_classes, in_channels=16 * 8))

# the CIFAR fast input path: raw uint8 batches, random shift (2 px) on the
# whole batch in the preprocessor; digits must not be mirrored (no flip)
data_preprocessor = dict(
    type='CIFARBatchPreprocessor', crop_padding=2, flip_prob=0.0,
    num_classes=num_classes,
    mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5], to_rgb=False)

dataset = dict(type='CIFARPickleDataset', data_root=data_root, variant='cifar10',
               check_md5=False, val_fraction=0.1, split_seed=0, pipeline=[])

# the data are in memory: no worker processes (persistent_workers=False said explicitly:
# OpenMMLab's own tools/train.py defaults it to True, which needs workers)
train_dataloader = dict(
    batch_size=batch_size, num_workers=0, persistent_workers=False,
    collate_fn=dict(type='cifar_collate'),
    dataset=dict(dataset, split='train'),
    sampler=dict(type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    batch_size=128, num_workers=0, persistent_workers=False,
    collate_fn=dict(type='cifar_collate'),
    dataset=dict(dataset, split='val'),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = dict(val_dataloader, dataset=dict(dataset, split='test'))
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator

optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', by_epoch=True, begin=1, end=15, eta_min=1e-4),
]
train_cfg = dict(by_epoch=True, max_epochs=15, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=batch_size)
