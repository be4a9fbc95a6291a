# Report 001-C, as reported: ViT-13 trained from scratch on CIFAR-100 with the DeiT-style
# data and population-based training (tools/pbt_search.py, `pbt_search` of the base =
# Table 2); `tools/train.py` alone is one fixed-hyperparameter run (lr 1e-3, wd 1e-3,
# batch 384, crop area >= 0.25, erase p 0.25, drop path 0.1).
# Patch 2 (256 tokens) + class token, learned position embedding (257 positions), 11
# pre-norm blocks of width 192, 3 heads, MLP 768, qkv bias, LayerNorm eps 1e-6, final
# LayerNorm, Linear head on the class token: 4,965,220 parameters
# (tests/test_cifar_vit_models.py; the report's Table 1 says 4,915,684, i.e. without the
# class token and position embedding, which its code has -- README.md).
# Everything else (class token, learned positions, init, drop path 0.1 rising linearly
# over the blocks, label smoothing) as in the ViT-6 config.
_base_ = ['./vit-6_p2-d384-l4_1xb384-deit-pbt-200e_cifar100.py']

model = dict(
    backbone=dict(arch=dict(embed_dims=192, num_layers=11, num_heads=3,
                            feedforward_channels=768)),
    head=dict(in_channels=192))
experiment = dict(report='001-C', backbone='ViT-13', method='PBT, DeiT augmentation')
