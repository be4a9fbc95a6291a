"""DefaultInitConv2d: ConvModule keeps PyTorch's default conv init instead of Kaiming-normal."""
import math

import torch
from mmcv.cnn import ConvModule

import custom_modules  # noqa: F401


def _conv_module(conv_cfg):
    torch.manual_seed(0)
    module = ConvModule(64, 128, 3, padding=1, bias=True, conv_cfg=conv_cfg,
                        norm_cfg=dict(type='BN'))
    module.init_weights()  # what a model's init_weights() does to its ConvModules
    return module.conv


def test_conv_module_keeps_the_default_uniform_init_and_bias():
    conv = _conv_module(dict(type='DefaultInitConv2d'))
    bound = 1 / math.sqrt(64 * 9)  # Kaiming-uniform with a=sqrt(5): U(+-1/sqrt(fan_in))
    assert type(conv).__name__ == 'DefaultInitConv2d'
    assert conv.weight.abs().max() <= bound and conv.bias.abs().max() <= bound
    assert abs(float(conv.weight.std()) - bound / math.sqrt(3)) < 0.03 * bound
    assert conv.bias.abs().min() > 0


def test_plain_conv_module_reinitialises_with_kaiming_normal():
    conv = _conv_module(None)
    assert conv.weight.abs().max() > 1 / math.sqrt(64 * 9)  # normal, std sqrt(2 / fan_out)
    assert (conv.bias == 0).all()
