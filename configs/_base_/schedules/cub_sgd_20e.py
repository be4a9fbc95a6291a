# Fine-tuning schedule: SGD momentum 0.9, weight decay 1e-3, 20 epochs, cosine
# decay; the pretrained layers get a tenth of the learning rate (lr_mult 0.1 on
# the backbone), the new output layer the full rate.
lr = 0.01
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=lr, momentum=0.9, weight_decay=1e-3),
    paramwise_cfg=dict(custom_keys={'backbone': dict(lr_mult=0.1)}))
param_scheduler = dict(type='CosineAnnealingLR', by_epoch=True, T_max=20, eta_min=0)
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=32)
