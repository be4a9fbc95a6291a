# Shared base of report 001's CNN-vs-ViT experiment (001-C) as reported: DeiT-style
# per-image data (keep-aspect crop, TrivialAugment, erasing), Mixup (Beta(0.8, 0.8)) or
# CutMix (Beta(1, 1)) chosen with equal odds once per batch, constant-lr AdamW for 200
# epochs, and population-based training over the six hyperparameters of `pbt_search`
# (the report's Table 2; Mixup/CutMix and `pbt_search` in cifar100_deit_runtime.py).
# A model config adds the backbone and a head whose loss is
# LabelSmoothLoss(0.1, mode='original') on the mixed targets (smoothing applied once).
_base_ = [
    './datasets/cifar100_deit-keepaspect_bs384.py',
    './schedules/cifar100_adamw-const_200e.py',
    './cifar100_deit_runtime.py',
]

# the reported model is the last epoch's (of the best PBT member): no best_*.pth, so
# tools/run_matrix.py and the PBT tool test the epoch-200 weights
default_hooks = dict(checkpoint=dict(save_best=None))

# tools/pbt_search.py defaults for these configs (command-line flags override): 8 members,
# every 10 epochs, bottom/top 25 %, resample p 0.25 else x1.2 / x0.8, asynchronous (each
# member decides at its own 10-epoch boundary on the latest scores of the others)
pbt_scheduler = dict(num_samples=8, perturbation_interval=10, quantile_fraction=0.25,
                     resample_probability=0.25, synch=False)
