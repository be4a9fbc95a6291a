"""GoogLeNet / Inception v1 (Szegedy et al., 2015) for training from scratch on 224x224 images.

mmpretrain 1.2.0 has no GoogLeNet, so the "your own image folders" experiments
get it here, with its two auxiliary classifiers. The backbone follows the
torchvision layout (BatchNorm after every conv, ceil-mode max pools) so it trains
from scratch without the paper's local response normalisation; unlike torchvision,
the third Inception branch keeps the paper's 5x5 conv (torchvision uses 3x3).
In training mode the backbone returns the outputs of 4a, 4d and 5b (the inputs of
the two auxiliary classifiers and of the main one); in eval mode only 5b's.
``GoogLeNetHead`` adds ``aux_weight`` times each auxiliary loss to the main loss
during training and predicts with the main classifier only.
"""
import torch
import torch.nn as nn
from mmcv.cnn import ConvModule
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.models.heads import ClsHead
from mmpretrain.registry import MODELS

# out channels of the branches: 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj
INCEPTION_TABLE = {
    '3a': (64, 96, 128, 16, 32, 32), '3b': (128, 128, 192, 32, 96, 64),
    '4a': (192, 96, 208, 16, 48, 64), '4b': (160, 112, 224, 24, 64, 64),
    '4c': (128, 128, 256, 24, 64, 64), '4d': (112, 144, 288, 32, 64, 64),
    '4e': (256, 160, 320, 32, 128, 128), '5a': (256, 160, 320, 32, 128, 128),
    '5b': (384, 192, 384, 48, 128, 128)}


def max_pool(stride=2):
    return nn.MaxPool2d(3, stride=stride, padding=1 if stride == 1 else 0, ceil_mode=True)


class Inception(nn.Module):
    """Four parallel branches (1x1; 1x1->3x3; 1x1->5x5; maxpool->1x1), concatenated."""

    def __init__(self, in_channels, channels, norm_cfg=dict(type='BN')):
        super().__init__()
        c1, c3_reduce, c3, c5_reduce, c5, pool_proj = channels
        self.out_channels = c1 + c3 + c5 + pool_proj

        def conv(cin, cout, k):
            return ConvModule(cin, cout, k, padding=k // 2, norm_cfg=norm_cfg)

        self.branch1x1 = conv(in_channels, c1, 1)
        self.branch3x3 = nn.Sequential(conv(in_channels, c3_reduce, 1), conv(c3_reduce, c3, 3))
        self.branch5x5 = nn.Sequential(conv(in_channels, c5_reduce, 1), conv(c5_reduce, c5, 5))
        self.branch_pool = nn.Sequential(max_pool(stride=1), conv(in_channels, pool_proj, 1))

    def forward(self, x):
        branches = (self.branch1x1, self.branch3x3, self.branch5x5, self.branch_pool)
        return torch.cat([branch(x) for branch in branches], dim=1)


@MODELS.register_module()
class GoogLeNet(BaseBackbone):
    """Training: (out_4a, out_4d, out_5b), i.e. 512x14x14, 528x14x14, 1024x7x7 at 224 px.
    Eval: (out_5b, )."""

    def __init__(self, norm_cfg=dict(type='BN'), init_cfg=[
            dict(type='Kaiming', layer='Conv2d'),
            dict(type='Constant', val=1, layer='_BatchNorm')]):
        super().__init__(init_cfg)
        self.stem = nn.Sequential(
            ConvModule(3, 64, 7, stride=2, padding=3, norm_cfg=norm_cfg), max_pool(),
            ConvModule(64, 64, 1, norm_cfg=norm_cfg),
            ConvModule(64, 192, 3, padding=1, norm_cfg=norm_cfg), max_pool())
        channels = 192
        for name, table in INCEPTION_TABLE.items():
            block = Inception(channels, table, norm_cfg)
            self.add_module(f'inception{name}', block)
            channels = block.out_channels
        self.pool3, self.pool4 = max_pool(), max_pool()

    def forward(self, x):
        x = self.inception3b(self.inception3a(self.stem(x)))
        out_4a = self.inception4a(self.pool3(x))
        out_4d = self.inception4d(self.inception4c(self.inception4b(out_4a)))
        x = self.pool4(self.inception4e(out_4d))
        out_5b = self.inception5b(self.inception5a(x))
        return (out_4a, out_4d, out_5b) if self.training else (out_5b, )


class AuxClassifier(nn.Sequential):
    """avgpool 4x4 -> 1x1 conv 128 + ReLU -> fc 1024 + ReLU -> dropout -> fc num_classes."""

    def __init__(self, in_channels, num_classes, dropout=0.7):
        super().__init__(
            nn.AdaptiveAvgPool2d(4), nn.Conv2d(in_channels, 128, 1), nn.ReLU(inplace=True),
            nn.Flatten(), nn.Linear(128 * 4 * 4, 1024), nn.ReLU(inplace=True),
            nn.Dropout(dropout), nn.Linear(1024, num_classes))


@MODELS.register_module()
class GoogLeNetHead(ClsHead):
    """Main classifier on ``feats[-1]``; in training, ``aux_weight`` x the loss of an
    auxiliary classifier on each earlier map is added as ``loss_aux1``, ``loss_aux2``."""

    def __init__(self, num_classes, in_channels=1024, aux_in_channels=(512, 528),
                 aux_weight=0.3, dropout=0.4, aux_dropout=0.7,
                 init_cfg=dict(type='Normal', layer='Linear', std=0.01), **kwargs):
        super().__init__(init_cfg=init_cfg, **kwargs)
        self.num_classes = num_classes
        self.aux_weight = aux_weight
        self.classifier = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout),
            nn.Linear(in_channels, num_classes))
        self.aux_classifiers = nn.ModuleList(
            AuxClassifier(c, num_classes, aux_dropout) for c in aux_in_channels)

    def forward(self, feats):
        return self.classifier(self.pre_logits(feats))

    def loss(self, feats, data_samples, **kwargs):
        losses = self._get_loss(self(feats), data_samples, **kwargs)
        if len(feats) > 1:  # the backbone only returns the auxiliary inputs in training
            aux_feats = feats[:len(self.aux_classifiers)]
            for i, (aux, feat) in enumerate(zip(self.aux_classifiers, aux_feats), start=1):
                aux_loss = self._get_loss(aux(feat), data_samples, **kwargs)['loss']
                losses[f'loss_aux{i}'] = self.aux_weight * aux_loss
        return losses
