# CUB-200-2011 (data/CUB_200_2011: images/, images.txt, image_class_labels.txt,
# train_test_split.txt) with the official split (train 5,994; the 5,794 test
# images serve as validation and test), 200 classes, read by mmpretrain's CUB.
# Report 002-A's transforms: training = horizontal flip p 0.5 -> rotation by an
# angle uniform in [-15, 15] degrees about the centre of the full-size image
# (nearest, black fill, same size) -> resize to 224x224 ignoring the aspect
# ratio (bilinear, PIL as torchvision) -> ImageNet mean/std; evaluation = the
# same 224x224 resize. Batch 32 for training and evaluation.
_base_ = ['./imagenet_norm_224.py']  # ImageNet mean/std (RGB)
data_root = 'data/CUB_200_2011'
num_classes = 200

data_preprocessor = dict(num_classes=num_classes)
squash_224 = dict(type='Resize', scale=(224, 224), keep_ratio=False,
                  interpolation='bilinear', backend='pillow')
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    # mmpretrain's Rotate: magnitude U(0, 10)/10 * 15 ('inf' std) = U(0, 15) degrees,
    # negated with probability 0.5 -> U(-15, 15); applied to every image (prob 1).
    dict(type='Rotate', magnitude_level=10, total_level=10, magnitude_range=(0, 15),
         magnitude_std='inf', random_negative_prob=0.5, prob=1.0,
         pad_val=0, interpolation='nearest'),
    squash_224,
    dict(type='PackInputs'),
]
test_pipeline = [dict(type='LoadImageFromFile'), squash_224, dict(type='PackInputs')]

train_dataloader = dict(
    batch_size=32, num_workers=4, persistent_workers=True,
    dataset=dict(type='CUB', data_root=data_root, split='train', pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    batch_size=32, num_workers=4, persistent_workers=True,
    dataset=dict(type='CUB', data_root=data_root, split='test', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
