# CIFAR-100 with a DeiT-style training pipeline (Touvron et al. 2021), from scratch.
# 10% of the official training set (stratified, seeded) is the validation split.
# Per-image pipeline (TrivialAugment works on single PIL images), so the
# dataloader uses mmengine's default collate and no CIFARBatchPreprocessor:
# RandomResizedCrop replaces its pad-and-crop, and Mixup/CutMix come from
# `model.train_cfg.augments` (see configs/_base_/cifar100_deit.py).
# The hyperparameters population-based training varies (tools/pbt_search.py,
# `pbt_search` below) are: crop_ratio_range[0] of RandomResizedCrop,
# erase_prob of RandomErasing, model.backbone.drop_path_rate, the AdamW lr
# and weight decay, and the training batch size.
data_root = 'data/cifar100'
num_classes = 100

# images are RGB uint8; normalise to mean 0.5, std 0.5 per channel
data_preprocessor = dict(type='ClsDataPreprocessor', num_classes=num_classes,
                         mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5],
                         to_rgb=False)

train_pipeline = [
    dict(type='RandomResizedCrop', scale=32, crop_ratio_range=(0.35, 1.0),
         aspect_ratio_range=(3. / 4., 4. / 3.), interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='NumpyToPIL', to_rgb=False),
    dict(type='torchvision/TrivialAugmentWide'),
    dict(type='PILToNumpy', to_bgr=False),
    # erased patches get N(0, 1) noise after normalisation (clipped to the pixel range), as in DeiT
    dict(type='RandomErasing', erase_prob=0.25, mode='rand', min_area_ratio=0.02,
         max_area_ratio=1 / 3, fill_color=127.5, fill_std=127.5),
    dict(type='PackInputs'),
]
test_pipeline = [dict(type='PackInputs')]

cifar100 = dict(type='CIFARPickleDataset', data_root=data_root, variant='cifar100',
                label_type='fine', val_fraction=0.1, split_seed=0, check_md5=True)

train_dataloader = dict(
    batch_size=128, num_workers=4, persistent_workers=True,
    dataset=dict(cifar100, split='train', pipeline=train_pipeline),
    # each image 3 times per epoch, consecutively (same batch on one GPU),
    # epoch length unchanged (a third of the images per epoch)
    sampler=dict(type='RepeatAugSampler', num_repeats=3, shuffle=True))
val_dataloader = dict(
    batch_size=256, num_workers=2, persistent_workers=True,
    dataset=dict(cifar100, split='val', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = dict(val_dataloader, dataset=dict(cifar100, split='test',
                                                    pipeline=test_pipeline))

val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
