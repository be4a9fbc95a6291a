"""GoogLeNet / Inception v1 (Szegedy et al., 2015) on 224x224 images, torchvision-compatible.

mmpretrain 1.2.0 has no GoogLeNet, so the "your own image folders" experiments
get it here, with its two auxiliary classifiers. Module names and shapes follow
torchvision's ``GoogLeNet`` (``conv1`` ... ``inception5b``; each conv is a bias-free
conv + BatchNorm(eps=1e-3) + ReLU exposing ``.conv`` and ``.bn``; Inception branches
``branch1``..``branch4``), so torchvision's ImageNet checkpoint loads into the
backbone by name with ``init_cfg=dict(type='Pretrained', checkpoint=...)``.
Like torchvision (and unlike the paper), the third Inception branch uses a 3x3
conv where the paper has a 5x5 one and the max pool before 5a is 2x2 (paper: 3x3);
the BatchNorm replaces the paper's local response normalisation. In training mode
the backbone returns the outputs of 4a, 4d and 5b (the inputs of the two auxiliary
classifiers and of the main one); in eval mode only 5b's. ``GoogLeNetHead``
(``fc``, ``aux1``, ``aux2``, named like torchvision's) adds ``aux_weight`` times
each auxiliary loss to the main loss during training and predicts with the main
classifier only; ``aux_logits=False`` builds it without them, as torchvision's
``googlenet(weights=...)`` does unless asked (its published auxiliary heads are not
trained: torchvision warns when they are kept). Both are initialised like
torchvision's GoogLeNet (truncated normal, std 0.01) by default; the convs take their
initial weights from the owner's ``init_cfg`` only (mmcv's ``ConvModule.init_weights``
would re-draw the stem convs with Kaiming after it, because mmengine calls it on direct
children).
"""
import torch
import torch.nn as nn
from mmcv.cnn import ConvModule
from mmpretrain.models.backbones.base_backbone import BaseBackbone
from mmpretrain.models.heads import ClsHead
from mmpretrain.registry import MODELS

# out channels of the branches: 1x1, 3x3 reduce, 3x3, "5x5" reduce, "5x5" (a 3x3 conv
# here, as in torchvision), pool proj
INCEPTION_TABLE = {
    '3a': (64, 96, 128, 16, 32, 32), '3b': (128, 128, 192, 32, 96, 64),
    '4a': (192, 96, 208, 16, 48, 64), '4b': (160, 112, 224, 24, 64, 64),
    '4c': (128, 128, 256, 24, 64, 64), '4d': (112, 144, 288, 32, 64, 64),
    '4e': (256, 160, 320, 32, 128, 128), '5a': (256, 160, 320, 32, 128, 128),
    '5b': (384, 192, 384, 48, 128, 128)}
# stride-2 max pools in front of an Inception block: name, kernel size (torchvision's 4th is 2x2)
POOL_BEFORE = {'4a': ('maxpool3', 3), '5a': ('maxpool4', 2)}
BN = dict(type='BN', eps=0.001)  # torchvision's BasicConv2d BatchNorm
# torchvision's GoogLeNet init: trunc_normal_(std=0.01, a=-2, b=2) on conv and linear
# weights (a, b are absolute bounds, ~200 std here) and BN weight 1, bias 0. mmengine's
# TruncNormal also zeroes the biases of the linear layers.
TRUNC_NORMAL = dict(type='TruncNormal', std=0.01, a=-2, b=2, bias=0)
BN_CONSTANT = dict(type='Constant', val=1, bias=0, layer='_BatchNorm')


def max_pool(stride=2, kernel_size=3):
    return nn.MaxPool2d(kernel_size, stride, padding=1 if stride == 1 else 0, ceil_mode=True)


class BasicConv2d(ConvModule):
    """A ``ConvModule`` initialised by its owner's ``init_cfg`` alone (no own Kaiming)."""

    def init_weights(self):
        pass


def basic_conv(cin, cout, kernel_size, stride=1, norm_cfg=BN):
    """Bias-free conv -> BN -> ReLU with children ``conv`` and ``bn`` (``BasicConv2d``)."""
    return BasicConv2d(cin, cout, kernel_size, stride=stride, padding=kernel_size // 2,
                       norm_cfg=norm_cfg)


class Inception(nn.Module):
    """Four parallel branches (1x1; 1x1->3x3; 1x1->3x3; maxpool->1x1), concatenated."""

    def __init__(self, in_channels, channels, norm_cfg=BN):
        super().__init__()
        c1, c3_reduce, c3, c5_reduce, c5, pool_proj = channels
        self.out_channels = c1 + c3 + c5 + pool_proj

        def conv(cin, cout, k):
            return basic_conv(cin, cout, k, norm_cfg=norm_cfg)

        self.branch1 = conv(in_channels, c1, 1)
        self.branch2 = nn.Sequential(conv(in_channels, c3_reduce, 1), conv(c3_reduce, c3, 3))
        self.branch3 = nn.Sequential(conv(in_channels, c5_reduce, 1), conv(c5_reduce, c5, 3))
        self.branch4 = nn.Sequential(max_pool(stride=1), conv(in_channels, pool_proj, 1))

    def forward(self, x):
        branches = (self.branch1, self.branch2, self.branch3, self.branch4)
        return torch.cat([branch(x) for branch in branches], dim=1)


@MODELS.register_module()
class GoogLeNet(BaseBackbone):
    """Training: (out_4a, out_4d, out_5b), i.e. 512x14x14, 528x14x14, 1024x7x7 at 224 px.
    Eval: (out_5b, ).

    Args:
        norm_cfg (dict, optional): Normalisation after each conv (None: none).
            Defaults to BN.
        init_cfg (list[dict]): Initialisation. Defaults to torchvision's: conv weights
            ~ N(0, 0.01^2) redrawn outside [-2, 2], BN weight 1 and bias 0.

    Example::

        model = dict(backbone=dict(type='GoogLeNet'),
                     head=dict(type='GoogLeNetHead', num_classes=10))
    """

    def __init__(self, norm_cfg=BN, init_cfg=[dict(TRUNC_NORMAL, layer='Conv2d'), BN_CONSTANT]):
        super().__init__(init_cfg)
        self.conv1 = basic_conv(3, 64, 7, stride=2, norm_cfg=norm_cfg)
        self.maxpool1 = max_pool()
        self.conv2 = basic_conv(64, 64, 1, norm_cfg=norm_cfg)
        self.conv3 = basic_conv(64, 192, 3, norm_cfg=norm_cfg)
        self.maxpool2 = max_pool()
        channels = 192
        for name, table in INCEPTION_TABLE.items():
            if name in POOL_BEFORE:
                pool_name, kernel_size = POOL_BEFORE[name]
                self.add_module(pool_name, max_pool(kernel_size=kernel_size))
            block = Inception(channels, table, norm_cfg)
            self.add_module(f'inception{name}', block)
            channels = block.out_channels

    def forward(self, x):
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.inception3b(self.inception3a(x))
        out_4a = self.inception4a(self.maxpool3(x))
        out_4d = self.inception4d(self.inception4c(self.inception4b(out_4a)))
        x = self.maxpool4(self.inception4e(out_4d))
        out_5b = self.inception5b(self.inception5a(x))
        return (out_4a, out_4d, out_5b) if self.training else (out_5b, )


class AuxClassifier(nn.Module):
    """avgpool 4x4 -> 1x1 conv 128 (+BN, ReLU) -> fc1 1024 + ReLU -> dropout -> fc2.

    Named like torchvision's ``InceptionAux``."""

    def __init__(self, in_channels, num_classes, dropout=0.7, norm_cfg=BN):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(4)
        self.conv = basic_conv(in_channels, 128, 1, norm_cfg=norm_cfg)
        self.fc1 = nn.Linear(128 * 4 * 4, 1024)
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(1024, num_classes)

    def forward(self, x):
        x = self.conv(self.avgpool(x)).flatten(1)
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


@MODELS.register_module()
class GoogLeNetHead(ClsHead):
    """Main classifier ``fc`` on ``feats[-1]``; in training, ``aux_weight`` x the loss of
    the auxiliary classifiers ``aux1`` and ``aux2`` on the two earlier maps is added as
    ``loss_aux1``, ``loss_aux2`` (unless ``aux_logits=False``).

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Channels of the last map. Defaults to 1024.
        aux_in_channels (Sequence[int]): Channels of the two earlier maps.
            Defaults to ``(512, 528)``.
        aux_weight (float): Weight of each auxiliary loss. Defaults to 0.3.
        aux_logits (bool): Build the auxiliary classifiers. False: ``fc`` alone (no
            ``aux1``/``aux2`` parameters, no auxiliary losses), like torchvision's
            pretrained GoogLeNet. Defaults to True.
        dropout (float): Dropout before ``fc``. Defaults to 0.4.
        aux_dropout (float): Dropout in the auxiliary classifiers. Defaults to 0.7.
        init_cfg (list[dict]): Initialisation of the convs, linears and BNs of ``fc``,
            ``aux1``, ``aux2``. Defaults to the backbone's torchvision init.
        **kwargs: ``ClsHead``'s other arguments (``loss``, ``topk``, ...).

    Example::

        model = dict(head=dict(type='GoogLeNetHead', num_classes=10, aux_weight=0.3))
    """

    def __init__(self, num_classes, in_channels=1024, aux_in_channels=(512, 528),
                 aux_weight=0.3, aux_logits=True, dropout=0.4, aux_dropout=0.7,
                 init_cfg=[dict(TRUNC_NORMAL, layer=['Conv2d', 'Linear']), BN_CONSTANT],
                 **kwargs):
        super().__init__(init_cfg=init_cfg, **kwargs)
        self.num_classes = num_classes
        self.aux_weight = aux_weight
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(in_channels, num_classes)
        self.aux1, self.aux2 = (AuxClassifier(c, num_classes, aux_dropout) if aux_logits
                                else None for c in aux_in_channels)

    def pre_logits(self, feats):
        """Globally pooled ``feats[-1]``."""
        return self.avgpool(feats[-1]).flatten(1)

    def forward(self, feats):
        return self.fc(self.dropout(self.pre_logits(feats)))

    def loss(self, feats, data_samples, **kwargs):
        losses = self._get_loss(self(feats), data_samples, **kwargs)
        if len(feats) > 1 and self.aux1 is not None:  # aux inputs come only in training
            for i, (aux, feat) in enumerate(zip((self.aux1, self.aux2), feats), start=1):
                aux_loss = self._get_loss(aux(feat), data_samples, **kwargs)['loss']
                losses[f'loss_aux{i}'] = self.aux_weight * aux_loss
        return losses
