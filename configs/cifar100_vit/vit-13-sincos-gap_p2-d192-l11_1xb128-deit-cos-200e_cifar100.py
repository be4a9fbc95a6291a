# MODERN VARIANT of report 001-C (not the reported recipe, see README.md): DeiT cosine
# recipe (lr 5e-4, 5-epoch warm-up + cosine, wd 0.05 not on pos/cls), plain stretched
# random-resized crop, noise erasing, stratified split, batch 128.
# Parameter-count-matching variant: SinCosViT matches the report's Table 1 count
# (4,915,684) but not the original architecture (class token + learned positions).
# ViT-13: patch 2 on 32x32 (256 tokens), width 192, MLP 768, 3 heads, 11
# encoder layers (+ patch embedding + classifier = 13 layers); fixed 2-D
# sin-cos position embedding, no class token, global average pooling + one
# LayerNorm: 4,915,684 parameters (tests/test_cifar_vit_models.py).
_base_ = ['../_base_/cifar100_deit.py']

model = dict(
    backbone=dict(type='SinCosViT', img_size=32, patch_size=2,
                  arch=dict(embed_dims=192, num_layers=11, num_heads=3,
                            feedforward_channels=768),
                  out_type='avg_featmap', with_cls_token=False, final_norm=False,
                  drop_path_rate=0.1,
                  init_cfg=[dict(type='TruncNormal', layer='Linear', std=.02),
                            dict(type='Constant', layer='LayerNorm', val=1., bias=0.)]),
    neck=None,
    head=dict(type='VisionTransformerClsHead', num_classes=100, in_channels=192,
              loss=dict(type='LabelSmoothLoss', label_smooth_val=0.1, mode='original')))
