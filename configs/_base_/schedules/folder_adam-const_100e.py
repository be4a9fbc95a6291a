# Report 003: Adam, lr 1e-3, betas (0.9, 0.999), no weight decay, constant lr (no param
# scheduler); validation (the 20 % test split) after every epoch. Configs set max_epochs.
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3, betas=(0.9, 0.999), weight_decay=0))
train_cfg = dict(by_epoch=True, max_epochs=100, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=32)
