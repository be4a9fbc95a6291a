"""ResNeXt-29 for 32x32 inputs (Xie et al. 2017, CIFAR layout): mmpretrain's ResNeXt
with the CIFAR stem of mmpretrain's ``ResNet_CIFAR``.

mmpretrain's ResNeXt has only the ImageNet depths (50/101/152) and stem (7x7
stride-2 conv + max-pool, which leaves 1x1 maps at 32 px). This subclass adds
depth 29 = three stages of three bottleneck blocks (3 x 3 x 3 convs + stem +
classifier) and reuses ``ResNet_CIFAR``'s 3x3 stride-1 stem without max-pool.
With 32 groups of width 4 the grouped 3x3 convs are 128/256/512 wide and the
stages output 256/512/1024 channels at 32/16/8 px. Stochastic depth comes
from mmpretrain's ``drop_path_rate`` (linearly increasing over the 9 blocks).
"""
from mmpretrain.models.backbones import ResNet_CIFAR, ResNeXt
from mmpretrain.models.backbones.resnext import Bottleneck
from mmpretrain.registry import MODELS


@MODELS.register_module()
class CifarResNeXt(ResNeXt):
    """Returns the last stage's map (1024 x 8 x 8 at 32 px) as a 1-tuple.

    Args:
        depth (int): 29 (three stages of 3 bottlenecks). Defaults to 29.
        num_stages (int): Defaults to 3.
        strides (Sequence[int]): Defaults to ``(1, 2, 2)``.
        dilations (Sequence[int]): Defaults to ``(1, 1, 1)``.
        out_indices (Sequence[int]): Defaults to ``(2,)``.
        **kwargs: ``ResNeXt``'s other arguments (``groups``,
            ``width_per_group``, ``norm_cfg``, ...).

    Example::

        model = dict(backbone=dict(type='CifarResNeXt', depth=29, groups=32,
                                   width_per_group=4))
    """

    arch_settings = {29: (Bottleneck, (3, 3, 3))}

    def __init__(self, depth=29, num_stages=3, strides=(1, 2, 2), dilations=(1, 1, 1),
                 out_indices=(2, ), **kwargs):
        super().__init__(depth, num_stages=num_stages, strides=strides,
                         dilations=dilations, out_indices=out_indices, **kwargs)

    _make_stem_layer = ResNet_CIFAR._make_stem_layer
    forward = ResNet_CIFAR.forward
