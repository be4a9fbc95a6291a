# CUB-200-2011 (data/CUB_200_2011: images/, images.txt, image_class_labels.txt,
# train_test_split.txt) with the official train/test split, read by mmpretrain's
# CUB dataset. Training: short side 256, random 224 crop, horizontal flip and a
# random rotation in [-15, 15] degrees.
_base_ = ['./imagenet_norm_224.py']
data_root = 'data/CUB_200_2011'
num_classes = 200

data_preprocessor = dict(num_classes=num_classes)
test_pipeline = {{_base_.test_pipeline}}

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short'),
    dict(type='RandomCrop', crop_size=224),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='Rotate', magnitude_level=10, magnitude_range=(0, 15), magnitude_std='inf',
         prob=1.0, random_negative_prob=0.5, pad_val=0, interpolation='bilinear'),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=32, num_workers=4, persistent_workers=True,
    dataset=dict(type='CUB', data_root=data_root, split='train', pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True,
    dataset=dict(type='CUB', data_root=data_root, split='test', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
