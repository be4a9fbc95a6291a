# Report 001-C, as reported: ViT-6 trained from scratch on CIFAR-100 with the DeiT-style
# data and population-based training (tools/pbt_search.py, `pbt_search` of the base =
# Table 2); `tools/train.py` alone is one fixed-hyperparameter run (lr 1e-3, wd 1e-3,
# batch 384, crop area >= 0.25, erase p 0.25, drop path 0.1).
# Patch 2 (256 tokens) + class token, learned position embedding (257 positions), 4
# pre-norm blocks of width 384, 6 heads, MLP 768, qkv bias, LayerNorm eps 1e-6, final
# LayerNorm, Linear head on the class token: 4,878,820 parameters
# (tests/test_cifar_vit_models.py).
_base_ = ['../_base_/cifar100_deit-pbt.py']

model = dict(
    # TimmInitViT: the init_cfg below reaches the MLPs too (stock mmpretrain makes them
    # Xavier-uniform) and the class token is N(0, 1e-6^2), as timm
    backbone=dict(type='TimmInitViT', img_size=32, patch_size=2,
                  arch=dict(embed_dims=384, num_layers=4, num_heads=6,
                            feedforward_channels=768),
                  with_cls_token=True, out_type='cls_token', final_norm=True, qkv_bias=True,
                  norm_cfg=dict(type='LN', eps=1e-6),
                  drop_path_rate=0.1,  # rising linearly over the 4 blocks
                  # timm's init; the patch conv keeps PyTorch's default, the position
                  # embedding gets trunc-normal 0.02 in VisionTransformer.init_weights
                  init_cfg=[dict(type='TruncNormal', layer='Linear', std=.02, bias=0.),
                            dict(type='Constant', layer='LayerNorm', val=1., bias=0.)]),
    neck=None,
    head=dict(type='VisionTransformerClsHead', num_classes=100, in_channels=384,
              init_cfg=dict(type='TruncNormal', layer='Linear', std=.02, bias=0.),
              loss=dict(type='LabelSmoothLoss', label_smooth_val=0.1, mode='original')))
experiment = dict(report='001-C', backbone='ViT-6', method='PBT, DeiT augmentation')
