# AdamW, 5-epoch linear warm-up then cosine decay to 200 epochs (DeiT recipe:
# lr 5e-4 x batch/512 -> 1.25e-4 at batch 128 is DeiT's; 5e-4 works better
# on CIFAR from scratch at this size; weight decay 0.05). No weight decay on
# norms, biases, position embedding and class token. The cosine part steps
# per epoch, so a population-based-training member resumed with a different
# batch size keeps its place in the schedule.
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=5e-4, weight_decay=0.05, betas=(0.9, 0.999)),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0,
                       custom_keys={'.pos_embed': dict(decay_mult=0.0),
                                    '.cls_token': dict(decay_mult=0.0)}))

param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=195, eta_min=1e-6, by_epoch=True, begin=5, end=200),
]

train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=2)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)
