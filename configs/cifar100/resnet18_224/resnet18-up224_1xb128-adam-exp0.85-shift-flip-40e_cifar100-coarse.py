# Report 004, task 1 final (= ablation row shift + flip + upsampling): ImageNet-
# layout ResNet-18 (7x7/2 stem, 3x3/2 max-pool, 4 stages x 2 basic blocks, GAP,
# fc) from scratch on the 20 CIFAR-100 superclasses (coarse labels). Training:
# random shift by -4..4 px with zero fill (pad 4 + random 32x32 crop) -> flip
# p 0.5 -> bilinear upsampling 32->224 (evaluation upsampled too) -> CIFAR-100
# mean/std, all in the CIFARBatchPreprocessor. Adam 1e-3, lr x0.85 per epoch,
# 40 epochs, batch 128; 10 % of the training set (stratified, seed 0) validates
# after every epoch; the reported value is epoch 40's, so no best checkpoint is
# kept and tools/run_matrix.py tests the last one. Init as torchvision's ResNet-18
# (judgment call: Kaiming fan_out convs, BN 1/0 without zero-init residual, fc
# PyTorch default). The ablation/comparison configs beside this one change one thing.
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../../_base_/datasets/cifar100_bs128.py',
    '../../_base_/schedules/cifar100_adam-exp0.85_40e.py',
    '../../_base_/cls_runtime.py',
]
num_classes = 20
model = dict(
    backbone=dict(zero_init_residual=False),
    head=dict(num_classes=num_classes, cal_acc=True, init_cfg=None))  # cal_acc: train accuracy
data_preprocessor = dict(num_classes=num_classes, crop_padding=4, flip_prob=0.5, resize_to=224)
train_dataloader = dict(dataset=dict(label_type='coarse'))
val_dataloader = dict(dataset=dict(label_type='coarse'))
test_dataloader = dict(dataset=dict(label_type='coarse'))
default_hooks = dict(checkpoint=dict(save_best=None))
experiment = dict(report='004', backbone='ResNet-18 @224, 20 superclasses', method='shift + flip')
