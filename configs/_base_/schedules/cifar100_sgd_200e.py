# Schedule of the CIFAR-100 matrix (report 000): SGD lr 0.1, momentum 0.9 (not Nesterov),
# weight decay 5e-4 on all parameters, batch 128, 200 epochs. Epoch 1: linear warm-up per
# iteration from ~0 to 0.1 (reached at its last iteration). Then lr x0.2 after 50, 100
# and 150 completed epochs: 0.1 in epochs 2-50, 0.02 in 51-100, 0.004 in 101-150, 0.0008
# in 151-200. mmengine's MultiStepLR counts milestones from its own `begin` (epoch index
# 1), so "after 50 completed epochs" is milestone 49. Validation every 2 epochs; the
# best-val-top1 checkpoint is kept (cls_runtime) and tested (tools/run_matrix.py, or
# tools/test.py with the best_*.pth).
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, end_factor=1.0, by_epoch=True,
         begin=0, end=1, convert_to_iter_based=True),
    dict(type='MultiStepLR', by_epoch=True, begin=1, milestones=[49, 99, 149], gamma=0.2),
]
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=2)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
