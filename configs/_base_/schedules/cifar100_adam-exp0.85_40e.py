# Report 004's schedule: Adam (lr 1e-3, betas 0.9/0.999, no weight decay),
# lr x0.85 after every epoch (epoch E trains at 1e-3 * 0.85^(E-1)), 40 epochs
# at batch 128, validation after every epoch.
optim_wrapper = dict(
    optimizer=dict(type='Adam', lr=1e-3, betas=(0.9, 0.999), weight_decay=0))
param_scheduler = dict(type='ExponentialLR', gamma=0.85, by_epoch=True)
train_cfg = dict(by_epoch=True, max_epochs=40, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
