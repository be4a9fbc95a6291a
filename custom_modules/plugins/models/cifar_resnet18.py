"""ResNet-18 for 32x32 inputs as the CIFAR experiments define it.

A 3x3 stride-1 stem (64), four stages of two basic residual blocks
(64, 128, 256, 512) with identity shortcuts, and a stride-2 3x3 conv (+BN,
ReLU) between stages that does the downsampling. mmpretrain's
``ResNet_CIFAR`` downsamples inside the first block of each stage (1x1
projection shortcut) instead; it is kept as the standard variant.
"""
import torch.nn as nn
from mmcv.cnn import ConvModule
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.models.backbones.resnet import BasicBlock
from mmpretrain.registry import MODELS


@MODELS.register_module()
class CifarResNet18(BaseBackbone):
    """Returns a 1-tuple with the last stage's map (512 x 4 x 4 at 32 px).

    Args:
        widths (Sequence[int]): Channels of the four stages.
            Defaults to ``(64, 128, 256, 512)``.
        blocks_per_stage (int): Basic blocks per stage. Defaults to 2.
        norm_cfg (dict): Normalisation layers. Defaults to ``dict(type='BN')``.
        init_cfg (list[dict]): Initialisation (Kaiming convs, BN weight 1).

    Example::

        model = dict(backbone=dict(type='CifarResNet18'))
    """

    def __init__(self, widths=(64, 128, 256, 512), blocks_per_stage=2,
                 norm_cfg=dict(type='BN'), init_cfg=[
                     dict(type='Kaiming', layer=['Conv2d']),
                     dict(type='Constant', val=1, layer=['_BatchNorm'])]):
        super().__init__(init_cfg)
        layers = [ConvModule(3, widths[0], 3, padding=1, bias=False, norm_cfg=norm_cfg)]
        for i, width in enumerate(widths):
            if i > 0:  # downsampling transition between stages
                layers.append(ConvModule(widths[i - 1], width, 3, stride=2, padding=1,
                                         bias=False, norm_cfg=norm_cfg))
            layers += [BasicBlock(width, width, norm_cfg=norm_cfg)
                       for _ in range(blocks_per_stage)]
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return (self.layers(x), )
