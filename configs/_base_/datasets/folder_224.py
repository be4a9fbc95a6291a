# Your own images (report 003's "animals" folder): a folder of class folders prepared by
#   python tools/data/folder_to_ann.py data/custom
# which writes classes.txt, train.txt and val.txt: one global seeded shuffle of all
# images, the first 80 % for training, the last 20 % = the report's "test" set, which is
# validated every epoch and used by tools/test.py.
# Set num_classes to the number of lines of classes.txt (a wrong value is reported);
# with fewer than 5 classes use val_evaluator = dict(type='Accuracy', topk=(1, )).
_base_ = ['./imagenet_norm_224.py']  # ImageNet mean/std (data_preprocessor)
data_root = 'data/custom'
num_classes = 10

data_preprocessor = dict(num_classes=num_classes)

# The report's preprocessing for training and test: RGB, resize to 224x224 ignoring the
# aspect ratio (torchvision Resize((224, 224)) on a PIL image = PIL bilinear), no flip.
squash_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False, backend='pillow',
         interpolation='bilinear'),
    dict(type='PackInputs'),
]
test_pipeline = squash_pipeline
train_pipeline = squash_pipeline
# Training augmentation of the runs marked "aug" (R003 augmentation slide):
# RandomResizedCrop(224, area 0.08-1, aspect 3/4-4/3) -> flip 0.5 -> colour jitter 0.4.
aug_train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.08, 1.0),
         aspect_ratio_range=(3. / 4., 4. / 3.), backend='pillow', interpolation='bilinear'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='ColorJitter', brightness=0.4, contrast=0.4, saturation=0.4),
    dict(type='PackInputs'),
]
folder = dict(type='CustomDataset', data_root=data_root, data_prefix='',
              classes=data_root + '/classes.txt')
train_dataloader = dict(
    batch_size=32, num_workers=4, persistent_workers=True,
    dataset=dict(folder, ann_file='train.txt', pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    batch_size=32, num_workers=4, persistent_workers=True,
    dataset=dict(folder, ann_file='val.txt', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
