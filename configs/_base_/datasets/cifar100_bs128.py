# CIFAR-100 from the official python pickles (data/cifar100/cifar-100-python),
# 10% of the training set held out (stratified, seeded) for validation,
# official test set for testing. The dataloader only stacks uint8 images
# (cifar_collate); random crop (4 px zero padding) and horizontal flip run on
# whole batches in the data preprocessor, on the GPU when there is one.
# A per-image pipeline still works: set `pipeline` (ending in PackInputs).
data_root = 'data/cifar100'
num_classes = 100

data_preprocessor = dict(
    type='CIFARBatchPreprocessor',
    crop_padding=4, flip_prob=0.5,
    num_classes=num_classes,
    mean=[129.304, 124.070, 112.434], std=[68.170, 65.392, 70.418],
    to_rgb=False)

cifar100 = dict(type='CIFARPickleDataset', data_root=data_root, variant='cifar100',
                label_type='fine', val_fraction=0.1, split_seed=0, check_md5=True,
                pipeline=[])

train_dataloader = dict(
    batch_size=128, num_workers=2, persistent_workers=True,
    collate_fn=dict(type='cifar_collate'),
    dataset=dict(cifar100, split='train'),
    sampler=dict(type='DefaultSampler', shuffle=True))
val_dataloader = dict(
    batch_size=256, num_workers=2, persistent_workers=True,
    collate_fn=dict(type='cifar_collate'),
    dataset=dict(cifar100, split='val'),
    sampler=dict(type='DefaultSampler', shuffle=False))
test_dataloader = dict(val_dataloader, dataset=dict(cifar100, split='test'))

val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator
