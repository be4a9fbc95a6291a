"""A ``Conv2d`` that keeps PyTorch's default initialisation inside mmcv's ``ConvModule``.

``ConvModule`` (used by mmpretrain's VGG, among others) re-initialises its conv
with Kaiming-normal and zero bias, at construction and in ``init_weights``,
unless the conv has an ``init_weights`` method of its own; a backbone's
``init_cfg=None`` cannot undo that. Report 000 trains every layer from
PyTorch's defaults (weights Kaiming-uniform with a=sqrt(5), biases
U(+-1/sqrt(fan_in))): selecting this conv through ``conv_cfg`` keeps them.
"""
from mmengine.registry import MODELS
from torch import nn


@MODELS.register_module()
class DefaultInitConv2d(nn.Conv2d):
    """``nn.Conv2d`` whose ``init_weights`` is PyTorch's ``reset_parameters``.

    Registered in mmengine's root model registry, where mmcv's
    ``build_conv_layer`` finds it from every scope.

    Args:
        *args: ``nn.Conv2d``'s arguments.
        **kwargs: ``nn.Conv2d``'s keyword arguments.

    Example::

        backbone = dict(type='VGG', depth=16, norm_cfg=dict(type='BN'), num_classes=-1,
                        conv_cfg=dict(type='DefaultInitConv2d'), init_cfg=None)
    """

    def init_weights(self):
        self.reset_parameters()
