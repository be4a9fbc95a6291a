"""Network-in-Network (Lin et al., 2014) for training from scratch on 224x224 images.

mmpretrain 1.2.0 has no Network-in-Network, so the "your own image folders"
experiments get it here. This is the ImageNet layout: four mlpconv blocks (a kxk
conv followed by two 1x1 convs, each with ReLU) separated by 3x3 stride-2 max
pools, with dropout before the last block. The last block ends in a 1x1 conv to
``num_classes`` *without* ReLU, so its map holds raw class scores (which may be
negative); a config pools it with ``GlobalAveragePooling`` and feeds it to the
fc-free ``ClsHead``. Pools use ``ceil_mode`` as in the original Caffe model, so a
224 px input gives a 6x6 score map (54 -> 27 -> 13 -> 6).
"""
import torch.nn as nn
from mmcv.cnn import ConvModule
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.registry import MODELS


def mlpconv(in_channels, width, kernel_size, stride=1, padding=0, norm_cfg=None,
            out_channels=None, last_relu=True):
    """A kxk conv to ``width`` and two 1x1 convs, the last to ``out_channels``
    (``width`` by default); ``last_relu=False`` drops the final ReLU."""
    out_channels = out_channels or width

    def conv(cin, cout, k, s=1, p=0, relu=True):
        return ConvModule(cin, cout, k, stride=s, padding=p, norm_cfg=norm_cfg,
                          act_cfg=dict(type='ReLU') if relu else None)
    return nn.Sequential(conv(in_channels, width, kernel_size, stride, padding),
                         conv(width, width, 1),
                         conv(width, out_channels, 1, relu=last_relu))


@MODELS.register_module()
class NIN(BaseBackbone):
    """Returns a 1-tuple with the (N, num_classes, h, w) score map (6x6 at 224 px).

    Args:
        num_classes (int): Channels of the last mlpconv block.
        dropout (float): Dropout after the first three blocks. Defaults to 0.5.
        norm_cfg (dict, optional): Normalisation after each conv (None: none).
            Defaults to None.
        init_cfg (dict): Initialisation. Defaults to Kaiming on the convs.

    Example::

        model = dict(backbone=dict(type='NIN', num_classes=10),
                     neck=dict(type='GlobalAveragePooling'))
    """

    def __init__(self, num_classes, dropout=0.5, norm_cfg=None,
                 init_cfg=dict(type='Kaiming', layer='Conv2d')):
        super().__init__(init_cfg)
        self.num_classes = num_classes

        def pool():
            return nn.MaxPool2d(3, stride=2, ceil_mode=True)

        self.layers = nn.Sequential(
            mlpconv(3, 96, 11, stride=4, norm_cfg=norm_cfg), pool(),
            mlpconv(96, 256, 5, padding=2, norm_cfg=norm_cfg), pool(),
            mlpconv(256, 384, 3, padding=1, norm_cfg=norm_cfg), pool(),
            nn.Dropout(dropout),
            mlpconv(384, 1024, 3, padding=1, norm_cfg=norm_cfg,
                    out_channels=num_classes, last_relu=False))

    def forward(self, x):
        return (self.layers(x), )
