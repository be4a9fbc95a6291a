# SGD momentum 0.9, weight decay 5e-4, batch 128, 200 epochs: linear warm-up
# from ~0 to 0.1 over the first epoch, then x0.2 every 50 epochs; validate
# every 2 epochs (the best checkpoint by val top-1 is kept by cls_runtime).
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, end_factor=1.0, by_epoch=True,
         begin=0, end=1, convert_to_iter_based=True),
    dict(type='MultiStepLR', by_epoch=True, begin=1, milestones=[50, 100, 150], gamma=0.2),
]
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=2)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
