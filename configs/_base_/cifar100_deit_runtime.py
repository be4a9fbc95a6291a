# What both CNN-vs-ViT bases (cifar100_deit-pbt.py: report 001-C as reported;
# cifar100_deit.py: the modern cosine variants) share: the classification runtime,
# Mixup (Beta(0.8, 0.8)) or CutMix (Beta(1, 1)) chosen with equal odds once per batch,
# the hook that makes a resumed PBT member train with its explored lr and weight decay,
# and the search space of tools/pbt_search.py (report 001's Table 2).
_base_ = ['./cls_runtime.py']

model = dict(
    type='ImageClassifier',
    train_cfg=dict(augments=[dict(type='BatchMixup', alpha=0.8),
                             dict(type='CutMix', alpha=1.0)]))

custom_hooks = [*_base_.custom_hooks, dict(type='ConfigOptimOnResumeHook')]

# every member's initial values are drawn from these priors. Explored values are not
# clipped to these ranges; only the caps of custom_modules/apps/pbt/space.py apply
# (crop area <= 0.99, erase p <= 1, drop path <= 0.99).
pbt_search = dict(
    min_crop_area=dict(type='uniform', low=0.1, high=0.9),
    erase_prob=dict(type='uniform', low=0.0, high=0.5),
    drop_path_rate=dict(type='uniform', low=0.0, high=0.3),
    lr=dict(type='loguniform', low=1e-6, high=1e-3),
    weight_decay=dict(type='loguniform', low=1e-5, high=1e-2),
    batch_size=dict(type='choice', values=[32, 64, 128, 256, 384]),
)
