# ResNet-18 (ImageNet layout: 7x7 stride-2 stem + max-pool) on CIFAR-100 with
# the 32x32 inputs upsampled to 224x224 (bilinear, in the data preprocessor)
# so that the last stage keeps 7x7 maps. Random shift up to 4 px (zero fill)
# and horizontal flip; SGD, exponential decay gamma=0.85 per epoch, 40 epochs.
# The ablation configs beside this one each change one line.
_base_ = [
    'mmpretrain::_base_/models/resnet18.py',
    '../../_base_/datasets/cifar100_bs128.py',
    '../../_base_/cls_runtime.py',
]
model = dict(head=dict(num_classes=100))
data_preprocessor = dict(crop_padding=4, flip_prob=0.5, resize_to=224)

optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=5e-4))
param_scheduler = dict(type='ExponentialLR', gamma=0.85, by_epoch=True)
train_cfg = dict(by_epoch=True, max_epochs=40, val_interval=2)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
experiment = dict(backbone='ResNet-18 @224', method='SGD, shift + flip')
