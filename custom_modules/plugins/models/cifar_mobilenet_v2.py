"""MobileNetV2 for 32x32 inputs: mmpretrain's MobileNetV2 with a 1x1 stride-1 stem.

mmpretrain's stem is a 3x3 stride-2 conv, which leaves 1x1 maps at 32 px.
With a 1x1 stride-1 stem (32 channels) the unchanged inverted-residual table
(16/24/32/64/96/160/320, expansion 6 after the first block, strides
1,2,2,2,1,2,1) gives 4x4 maps at the 64/96 stages and 2x2 at 160/320,
followed by mmpretrain's 1x1 conv to 1280.
"""
from mmcv.cnn import ConvModule
from mmpretrain.models.backbones import MobileNetV2
from mmpretrain.registry import MODELS


@MODELS.register_module()
class CifarMobileNetV2(MobileNetV2):
    """mmpretrain's ``MobileNetV2`` whose stem is a 1x1 stride-1 conv.

    Args:
        **kwargs: ``MobileNetV2``'s arguments (``widen_factor``, ``out_indices``,
            ``frozen_stages``, ``norm_cfg``, ``init_cfg``, ...), unchanged.

    Example::

        model = dict(backbone=dict(type='CifarMobileNetV2'))
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = ConvModule(3, self.conv1.conv.out_channels, kernel_size=1,
                                conv_cfg=self.conv_cfg, norm_cfg=self.norm_cfg,
                                act_cfg=self.act_cfg)
