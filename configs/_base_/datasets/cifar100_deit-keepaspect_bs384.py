# CIFAR-100 data of report 001's CNN-vs-ViT experiment (001-C), per image, in order:
# random-resized crop (area >= b of the image, aspect 3/4-4/3) rescaled KEEPING its
# aspect ratio (longer side 32, bilinear) and centred on a black 32x32 square ->
# horizontal flip p 0.5 -> TrivialAugment-Wide (torchvision defaults) -> random
# erasing p (one rectangle, area 0.02-0.33, aspect 0.3-3.3, torchvision's draws)
# filled with 127.5 = 0 after the (x - 127.5) / 127.5 normalisation of the data
# preprocessor. Mixup/CutMix and label smoothing: configs/_base_/cifar100_deit-pbt.py.
# Split: torch `random_split` of the 50,000 training images with a generator seeded
# 19260817: 45,000 training, the last 5,000 positions validation; official test set.
# Fixed-run values b 0.25, erase p 0.25, batch 384 (PBT samples its own, see `pbt_search`).
# Loaders, test pipeline and normalisation as in cifar100_deit_bs128.py (the modern
# variants' data).
_base_ = ['./cifar100_deit_bs128.py']

train_pipeline = [
    dict(type='KeepAspectRandomResizedCrop', scale=32, crop_ratio_range=(0.25, 1.0),
         aspect_ratio_range=(3. / 4., 4. / 3.), max_attempts=10, interpolation='bilinear',
         backend='pillow', pad_val=0),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='NumpyToPIL', to_rgb=False),
    dict(type='torchvision/TrivialAugmentWide'),  # 31 bins, nearest, fill 0
    dict(type='PILToNumpy', to_bgr=False),
    dict(type='TorchvisionRandomErasing', erase_prob=0.25, min_area_ratio=0.02,
         max_area_ratio=0.33, aspect_range=(0.3, 3.3), fill_color=127.5, max_attempts=10),
    dict(type='PackInputs'),
]

seeded_random_split = dict(split_mode='random_split', split_seed=19260817, val_fraction=0.1)
train_dataloader = dict(
    # 45,000 samples per epoch = 15,000 images drawn afresh each epoch, each 3 times in a
    # row (independently augmented); the last batch is kept (ceil(45,000 / batch) batches)
    batch_size=384, dataset=dict(seeded_random_split, pipeline=train_pipeline))
val_dataloader = dict(batch_size=500, dataset=seeded_random_split)
test_dataloader = dict(batch_size=500)
