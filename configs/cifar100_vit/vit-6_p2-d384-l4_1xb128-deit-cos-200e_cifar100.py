# MODERN VARIANT of report 001-C (not the reported recipe, see README.md): DeiT cosine
# recipe (lr 5e-4, 5-epoch warm-up + cosine, wd 0.05 not on pos/cls), plain stretched
# random-resized crop, noise erasing, stratified split, batch 128.
# ViT-6: patch 2 on 32x32 (256 tokens + class token), width 384, MLP 768,
# 6 heads, 4 encoder layers; learned position embedding, class-token readout
# (mmpretrain's standard VisionTransformer): 4,878,820 parameters
# (tests/test_cifar_vit_models.py).
_base_ = ['../_base_/cifar100_deit.py']

model = dict(
    backbone=dict(type='VisionTransformer', img_size=32, patch_size=2,
                  arch=dict(embed_dims=384, num_layers=4, num_heads=6,
                            feedforward_channels=768),
                  drop_path_rate=0.1,
                  init_cfg=[dict(type='TruncNormal', layer='Linear', std=.02),
                            dict(type='Constant', layer='LayerNorm', val=1., bias=0.)]),
    neck=None,
    head=dict(type='VisionTransformerClsHead', num_classes=100, in_channels=384,
              loss=dict(type='LabelSmoothLoss', label_smooth_val=0.1, mode='original')))
