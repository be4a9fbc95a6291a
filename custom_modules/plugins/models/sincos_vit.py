"""mmpretrain's VisionTransformer with a fixed 2-D sin-cos position embedding.

mmpretrain always learns the position embedding (``pos_embed`` is a
parameter, randomly initialised in ``init_weights``). The "simple ViT"
layout (Beyer et al. 2022, "Better plain ViT baselines for ImageNet-1k")
uses a fixed 2-D sin-cos embedding instead (mmpretrain's
``build_2d_sincos_position_embedding``), no class token and global average
pooling; here the embedding is a buffer: saved in checkpoints, never trained,
not counted as a parameter. Use ``out_type='avg_featmap'`` and
``with_cls_token=False`` for that layout.
"""
import torch
from mmpretrain.models.backbones import VisionTransformer
from mmpretrain.models.utils import build_2d_sincos_position_embedding
from mmpretrain.registry import MODELS


@MODELS.register_module()
class SinCosViT(VisionTransformer):
    """``VisionTransformer`` whose position embedding is a fixed 2-D sin-cos buffer.

    Args:
        *args, **kwargs: ``VisionTransformer``'s arguments (``arch``,
            ``img_size``, ``patch_size``, ``with_cls_token``, ``out_type``, ...).

    Example::

        model = dict(backbone=dict(type='SinCosViT', img_size=32, patch_size=2,
                                   arch=dict(embed_dims=192, num_layers=11,
                                             num_heads=3, feedforward_channels=768),
                                   with_cls_token=False, out_type='avg_featmap'))
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.pos_embed  # the learned parameter
        self.register_buffer('pos_embed', self._sincos())

    def _sincos(self) -> torch.Tensor:
        grid, dims = self.patch_embed.init_out_size, self.embed_dims
        return build_2d_sincos_position_embedding(
            grid, dims, cls_token=self.num_extra_tokens > 0).reshape(1, -1, dims)

    def init_weights(self):
        super().init_weights()  # its trunc_normal_ also hits pos_embed: restore it
        with torch.no_grad():
            self.pos_embed.copy_(self._sincos())
