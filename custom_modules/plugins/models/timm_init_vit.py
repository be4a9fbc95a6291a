"""mmpretrain's VisionTransformer initialised as timm's: the backbone's Linear init
reaches the MLPs too, and the class token is drawn from N(0, 1e-6²).

A backbone ``init_cfg`` such as ``TruncNormal(layer='Linear', std=0.02, bias=0)``
is not enough in stock mmpretrain: ``BaseModule.init_weights`` applies it to
every Linear first and then calls each child's own ``init_weights``, and
mmpretrain's ``TransformerEncoderLayer.init_weights`` re-initialises its MLP
(``ffn``) Linears with Xavier-uniform weights and N(0, 1e-6²) biases. The
layers are built directly (not from a registry), so no config option reaches
them. timm's ViT (the original code of report 001-C) gives every Linear,
MLP included, trunc-normal std 0.02 weights and zero biases, and draws the
class token from N(0, 1e-6²) where mmpretrain leaves zeros. This subclass
applies the backbone's own ``init_cfg`` once more to every block's MLP after
the blocks' ``init_weights`` (nothing else is re-drawn) and draws the class
token; a ``Pretrained`` init is left alone.
"""
import torch
from mmengine.model import initialize
from mmpretrain.models.backbones import VisionTransformer
from mmpretrain.registry import MODELS


@MODELS.register_module()
class TimmInitViT(VisionTransformer):
    """``VisionTransformer`` whose ``init_cfg`` also initialises the blocks' MLPs, and
    whose class token starts from N(0, ``cls_token_std``²) (timm's init).

    Args:
        cls_token_std (float): Standard deviation of the class token's normal init;
            0 keeps mmpretrain's zeros. Defaults to 1e-6 (timm).
        *args, **kwargs: ``VisionTransformer``'s arguments (``arch``, ``img_size``,
            ``patch_size``, ``init_cfg``, ...).

    Example::

        model = dict(backbone=dict(
            type='TimmInitViT', img_size=32, patch_size=2,
            arch=dict(embed_dims=384, num_layers=4, num_heads=6, feedforward_channels=768),
            init_cfg=[dict(type='TruncNormal', layer='Linear', std=.02, bias=0.),
                      dict(type='Constant', layer='LayerNorm', val=1., bias=0.)]))
    """

    def __init__(self, *args, cls_token_std: float = 1e-6, **kwargs):
        super().__init__(*args, **kwargs)
        self.cls_token_std = cls_token_std

    def init_weights(self):
        super().init_weights()  # the blocks' init_weights make the MLPs Xavier-uniform
        cfgs = self.init_cfg if isinstance(self.init_cfg, list) else [self.init_cfg]
        if not cfgs[0] or any(c.get('type') == 'Pretrained' for c in cfgs):
            return
        for layer in self.layers:
            initialize(layer.ffn, self.init_cfg)
        if self.cls_token is not None and self.cls_token_std > 0:
            with torch.no_grad():
                self.cls_token.normal_(0, self.cls_token_std)
