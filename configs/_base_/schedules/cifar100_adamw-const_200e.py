# Report 001-C optimiser: AdamW (betas 0.9/0.999, eps 1e-8), constant learning rate
# (no warm-up, no decay: no param_scheduler at all, so a PBT member restored from
# another one's checkpoint restarts no schedule), 200 epochs, validation every epoch.
# Decoupled weight decay on every parameter except 1-D tensors and biases (norm
# weights/biases, all biases); the ViT position embedding and class token ARE decayed.
# Fixed-run values lr 1e-3, wd 1e-3 (PBT samples its own, see `pbt_search`).
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-3, betas=(0.9, 0.999), eps=1e-8),
    paramwise_cfg=dict(norm_decay_mult=0.0, bias_decay_mult=0.0))

train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=1)
val_cfg = dict()
test_cfg = dict()
