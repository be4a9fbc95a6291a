"""ResNet-18 for 32x32 inputs as the CIFAR-100 matrix (report 000) defines it.

A 3x3 stride-1 stem (64), four stages of two basic residual blocks
(64, 128, 256, 512) with identity shortcuts, and a stride-2 3x3 conv between
stages that does the downsampling. In the report's layout that transition is
a *bare* conv (no BN, no ReLU) whose raw output is the next block's identity
input, and every conv has a bias. mmpretrain has no such network: its
``BasicBlock``/``ConvModule`` drop conv biases next to BN and ``ConvModule``
re-initialises convs with Kaiming; ``ResNet_CIFAR`` downsamples inside the
first block of each stage (1x1 projection shortcuts) and stays the modern
variant. Plain ``nn`` layers here keep PyTorch's default initialisation.
"""
import torch.nn as nn
from mmcv.cnn import build_norm_layer
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.registry import MODELS


def conv3x3(in_channels: int, out_channels: int, stride: int = 1, bias: bool = True):
    return nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=bias)


class ResidualBlock(nn.Module):
    """conv3x3 -> BN -> ReLU -> conv3x3 -> BN -> + identity -> ReLU (channels unchanged)."""

    def __init__(self, channels: int, bias: bool, norm_cfg: dict):
        super().__init__()
        self.conv1 = conv3x3(channels, channels, bias=bias)
        self.bn1 = build_norm_layer(norm_cfg, channels)[1]
        self.conv2 = conv3x3(channels, channels, bias=bias)
        self.bn2 = build_norm_layer(norm_cfg, channels)[1]
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)) + x)


@MODELS.register_module()
class CifarResNet18(BaseBackbone):
    """Returns a 1-tuple with the last stage's map (512 x 4 x 4 at 32 px).

    Args:
        widths (Sequence[int]): Channels of the four stages.
            Defaults to ``(64, 128, 256, 512)``.
        blocks_per_stage (int): Residual blocks per stage. Defaults to 2.
        conv_bias (bool): Give every conv a bias (report 000). Defaults to True.
        bare_transitions (bool): The stride-2 transition between stages is a
            bare conv (report 000); False adds BN + ReLU after it.
            Defaults to True.
        norm_cfg (dict): Normalisation layers. Defaults to ``dict(type='BN')``.
        init_cfg (dict | list[dict], optional): Initialisation; None keeps
            PyTorch's defaults (report 000). Defaults to None.

    Example::

        model = dict(backbone=dict(type='CifarResNet18', conv_bias=True,
                                   bare_transitions=True))
    """

    def __init__(self, widths=(64, 128, 256, 512), blocks_per_stage=2, conv_bias=True,
                 bare_transitions=True, norm_cfg=dict(type='BN'), init_cfg=None):
        super().__init__(init_cfg)
        layers = [conv3x3(3, widths[0], bias=conv_bias),
                  build_norm_layer(norm_cfg, widths[0])[1], nn.ReLU(inplace=True)]
        for i, width in enumerate(widths):
            if i > 0:  # downsampling transition between stages
                layers.append(conv3x3(widths[i - 1], width, stride=2, bias=conv_bias))
                if not bare_transitions:
                    layers += [build_norm_layer(norm_cfg, width)[1], nn.ReLU(inplace=True)]
            layers += [ResidualBlock(width, conv_bias, norm_cfg)
                       for _ in range(blocks_per_stage)]
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return (self.layers(x), )
