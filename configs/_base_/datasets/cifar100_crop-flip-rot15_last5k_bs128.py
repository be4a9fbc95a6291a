# CIFAR-100 of the CIFAR-100 matrix (report 000): official python pickles
# (data/cifar100/cifar-100-python), 100 fine labels. Validation = the last 5,000
# images of the official training order (split_mode='last'), training = the
# first 45,000; test = the official 10,000. Training augmentation, per image and
# in this order: random 32x32 crop of the image zero-padded by 4 px -> horizontal
# flip p=0.5 -> rotation by its own angle ~ U(-15, 15) degrees (nearest, zero
# fill), then normalisation; validation and test: normalisation only. The
# dataloader only stacks uint8 images (cifar_collate); crop, flip and rotation
# run on whole batches in CIFARBatchPreprocessor (on the GPU when there is one).
# Batch 128 for training, validation and testing; the last training batch (72
# images) is kept. Everything else as in cifar100_bs128.py (report 004's data,
# which has no rotation and a stratified split).
_base_ = ['./cifar100_bs128.py']

data_preprocessor = dict(rotate_degrees=15)

last_5000 = dict(split_mode='last', val_fraction=0.1)
train_dataloader = dict(dataset=last_5000)
val_dataloader = dict(batch_size=128, dataset=last_5000)
test_dataloader = dict(batch_size=128, dataset=last_5000)  # (no effect on the test set)
