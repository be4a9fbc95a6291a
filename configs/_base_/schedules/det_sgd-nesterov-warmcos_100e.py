# Report 001, experiment 001-B schedule (bubbliiing Faster R-CNN, three initialisations):
# 100 epochs, SGD momentum 0.9 Nesterov, no weight decay, no gradient clipping; lr per epoch
# (Init_lr 0.01 and Min_lr 1e-4 scaled by batch 2 / 16 to 1.25e-3 and 1.25e-5):
# 1.25e-4, 2.5e-4, 6.25e-4 (quadratic warm-up from 0.1x), 1.25e-3 at epoch 4, cosine to
# epoch 95, epochs 96-100 at 1.25e-5 (lr_decay_type 'cos': 3 warm-up epochs, 5 flat).
# Test mAP every 5 epochs (the experiment configs set the checkpoints).
max_epochs = 100
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(type='OptimWrapper', clip_grad=None,
                     optimizer=dict(type='SGD', lr=1.25e-3, momentum=0.9, nesterov=True,
                                    weight_decay=0))
param_scheduler = [
    dict(type='WarmCosFlatLR', warmup_epochs=3, warmup_start_factor=0.1, flat_epochs=5,
         eta_min=1.25e-5, begin=0, end=max_epochs, by_epoch=True),
]
auto_scale_lr = dict(enable=False, base_batch_size=2)
