# Report 002-A's schedule: SGD momentum 0.9 (not Nesterov), weight decay 1e-3
# on every parameter, lr 0.02 kept constant (no parameter scheduler), 20
# epochs at batch 32 (188 iterations per epoch), validation after every epoch.
# Per-layer rates (the 0.1x backbone of the pretrained model) are set by the configs.
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=1e-3, nesterov=False))
param_scheduler = None  # constant learning rate
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=32)
