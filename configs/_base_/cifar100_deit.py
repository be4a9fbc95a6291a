# Shared base of the CNN-vs-ViT comparison (configs/cifar100_vit/): DeiT-style
# data + 200-epoch AdamW schedule + runtime. A model config adds the backbone
# and head; Mixup (alpha 0.8) or CutMix (alpha 1.0), one of the two per batch
# with equal chance, are set here for all of them; each model's head uses label smoothing 0.1.
_base_ = [
    './datasets/cifar100_deit_bs128.py',
    './schedules/cifar100_adamw_200e.py',
    './cls_runtime.py',
]

model = dict(
    type='ImageClassifier',
    train_cfg=dict(augments=[dict(type='BatchMixup', alpha=0.8),
                             dict(type='CutMix', alpha=1.0)]))

custom_hooks = [*_base_.custom_hooks, dict(type='ConfigOptimOnResumeHook')]

# Search space of tools/pbt_search.py (population-based training on Ray Tune);
# names are the hyperparameters the tool knows how to set in a config.
pbt_search = dict(
    min_crop_area=dict(type='uniform', low=0.1, high=0.9),
    erase_prob=dict(type='uniform', low=0.0, high=0.5),
    drop_path_rate=dict(type='uniform', low=0.0, high=0.3),
    lr=dict(type='loguniform', low=1e-6, high=1e-3),
    weight_decay=dict(type='loguniform', low=1e-5, high=1e-2),
    batch_size=dict(type='choice', values=[32, 64, 128, 256, 384]),
)
