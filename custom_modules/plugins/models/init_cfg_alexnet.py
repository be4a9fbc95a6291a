"""mmpretrain's AlexNet with an ``init_cfg``, so a config can name its ImageNet weights.

mmpretrain 1.2.0's ``AlexNet.__init__`` takes only ``num_classes`` and passes
no ``init_cfg`` to its base class, so ``init_cfg=dict(type='Pretrained', ...)``
is rejected. Its layer names equal torchvision's AlexNet, whose ImageNet
checkpoint therefore loads as is (the differently sized last layer is skipped
with a warning and trained from scratch).
"""
import copy

from mmpretrain.models.backbones import AlexNet
from mmpretrain.registry import MODELS


@MODELS.register_module()
class InitCfgAlexNet(AlexNet):
    """mmpretrain's ``AlexNet`` that accepts an ``init_cfg``.

    Args:
        num_classes (int): Classes of the last layer (-1: no classifier).
            Defaults to -1.
        init_cfg (dict, optional): e.g. ``dict(type='Pretrained', checkpoint=URL)``.
            Defaults to None.

    Example::

        model = dict(backbone=dict(type='InitCfgAlexNet', num_classes=200,
                                   init_cfg=dict(type='Pretrained', checkpoint=url)))
    """

    def __init__(self, num_classes: int = -1, init_cfg=None):
        super().__init__(num_classes=num_classes)
        self.init_cfg = copy.deepcopy(init_cfg)
