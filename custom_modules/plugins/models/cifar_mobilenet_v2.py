"""MobileNetV2 for 32x32 inputs as the CIFAR-100 matrix (report 000) defines it.

A 1x1 stride-1 stem (32), the inverted-residual table
(t, c, n, s) = (6, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
(6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1) -- expansion 6 in the first
block too -- and a 1x1 conv to 1280: maps 32, 32, 16, 8, 4, 4, 2, 2. Every conv
has a bias. mmpretrain's ``MobileNetV2`` has a 3x3 stride-2 stem (1x1 maps at
32 px), expansion 1 in the first block, bias-free convs, and its
``ConvModule`` re-initialises convs with Kaiming; plain ``nn`` layers here keep
PyTorch's default initialisation.
"""
import torch.nn as nn
from mmcv.cnn import build_norm_layer
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.registry import MODELS


def conv_bn_relu6(in_channels, out_channels, kernel_size, bias, norm_cfg, stride=1, groups=1,
                  act=True):
    layers = [nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride,
                        padding=kernel_size // 2, groups=groups, bias=bias),
              build_norm_layer(norm_cfg, out_channels)[1]]
    return layers + [nn.ReLU6(inplace=True)] if act else layers


class InvertedResidual(nn.Module):
    """1x1 expand to in*t (skipped when t = 1) -> 3x3 depthwise (stride) -> 1x1 project,
    BN after each, ReLU6 after the first two; + identity iff stride 1 and in = out."""

    def __init__(self, in_channels, out_channels, stride, expand_ratio, bias, norm_cfg):
        super().__init__()
        hidden = in_channels * expand_ratio
        layers = []
        if expand_ratio != 1:
            layers += conv_bn_relu6(in_channels, hidden, 1, bias, norm_cfg)
        layers += conv_bn_relu6(hidden, hidden, 3, bias, norm_cfg, stride=stride, groups=hidden)
        layers += conv_bn_relu6(hidden, out_channels, 1, bias, norm_cfg, act=False)
        self.conv = nn.Sequential(*layers)
        self.use_residual = stride == 1 and in_channels == out_channels

    def forward(self, x):
        out = self.conv(x)
        return out + x if self.use_residual else out


@MODELS.register_module()
class CifarMobileNetV2(BaseBackbone):
    """MobileNetV2 at 32 px; outputs the maps of ``out_indices`` (0-6: the seven
    inverted-residual stages, 7: the 1x1 conv to 1280).

    Args:
        first_expand_ratio (int): Expansion ratio t of the first block (6 in
            report 000, 1 in the MobileNetV2 paper). Defaults to 6.
        conv_bias (bool): Give every conv a bias (report 000). Defaults to True.
        out_indices (Sequence[int]): Outputs to return. Defaults to ``(7, )``.
        norm_cfg (dict): Normalisation layers. Defaults to ``dict(type='BN')``.
        init_cfg (dict | list[dict], optional): Initialisation; None keeps
            PyTorch's defaults (report 000). Defaults to None.

    Example::

        model = dict(backbone=dict(type='CifarMobileNetV2', first_expand_ratio=6,
                                   conv_bias=True))
    """

    STAGES = ((16, 1, 1), (24, 2, 2), (32, 3, 2), (64, 4, 2), (96, 3, 1), (160, 3, 2),
              (320, 1, 1))  # (out channels, blocks, stride of the first block)

    def __init__(self, first_expand_ratio=6, conv_bias=True, out_indices=(7, ),
                 norm_cfg=dict(type='BN'), init_cfg=None):
        super().__init__(init_cfg)
        self.out_indices = tuple(out_indices)
        self.conv1 = nn.Sequential(*conv_bn_relu6(3, 32, 1, conv_bias, norm_cfg))
        in_channels, stages = 32, []
        for i, (out_channels, blocks, stride) in enumerate(self.STAGES):
            ratio = first_expand_ratio if i == 0 else 6
            stage = []
            for j in range(blocks):
                stage.append(InvertedResidual(in_channels, out_channels, stride if j == 0 else 1,
                                              ratio, conv_bias, norm_cfg))
                in_channels = out_channels
            stages.append(nn.Sequential(*stage))
        stages.append(nn.Sequential(*conv_bn_relu6(in_channels, 1280, 1, conv_bias, norm_cfg)))
        self.stages = nn.ModuleList(stages)

    def forward(self, x):
        x, outs = self.conv1(x), []
        for i, stage in enumerate(self.stages):
            x = stage(x)
            if i in self.out_indices:
                outs.append(x)
        return tuple(outs)
