# Report 000, experiment 000-B schedule (bubbliiing Faster R-CNN, frozen backbone): 15 epochs,
# Adam (betas 0.9/0.999, eps 1e-8, no weight decay, no gradient clipping), lr per epoch:
# 1e-5 (0.1x warm-up), 1e-4, then cosine to 1e-6 at epoch 14, epoch 15 at 1e-6
# (Init_lr 1e-4, Min_lr 1e-6, lr_decay_type 'cos': 1 warm-up epoch, 1 flat epoch).
# mAP after epochs 5, 10, 15 (the experiment config sets the checkpoints).
max_epochs = 15
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', clip_grad=None,
                     optimizer=dict(type='Adam', lr=1e-4, betas=(0.9, 0.999), eps=1e-8,
                                    weight_decay=0))
param_scheduler = [
    dict(type='WarmCosFlatLR', warmup_epochs=1, warmup_start_factor=0.1, flat_epochs=1,
         eta_min=1e-6, begin=0, end=max_epochs, by_epoch=True),
]
auto_scale_lr = dict(enable=False, base_batch_size=4)
