"""The CIFAR-100 matrix's three models: layouts, parameter counts derived from the layer
shapes, output shapes at 32 px, and PyTorch's default initialisation after init_weights."""
import math

import pytest
import torch
from mmengine.config import Config
from torch import nn

import custom_modules  # noqa: F401
from custom_modules.plugins.models import CifarMobileNetV2, CifarResNet18
from tests.helpers.configs import REPO


def conv(k, cin, cout, bias=True):
    return k * k * cin * cout + (cout if bias else 0)


def bn(c):
    return 2 * c


def linear(cin, cout):
    return cin * cout + cout


def resnet18_count(bias=True, bare_transitions=True, classes=100):
    widths = (64, 128, 256, 512)
    total = conv(3, 3, 64, bias) + bn(64)
    for i, c in enumerate(widths):
        if i:
            total += conv(3, widths[i - 1], c, bias) + (0 if bare_transitions else bn(c))
        total += 2 * 2 * (conv(3, c, c, bias) + bn(c))  # two blocks of two conv + BN
    return total + linear(512, classes)


def mobilenet_v2_count(first_t=6, bias=True, classes=100):
    table = [(16, 1, 1), (24, 2, 2), (32, 3, 2), (64, 4, 2), (96, 3, 1), (160, 3, 2), (320, 1, 1)]
    total, cin = conv(1, 3, 32, bias) + bn(32), 32
    for i, (cout, repeats, _) in enumerate(table):
        for _ in range(repeats):
            t = first_t if i == 0 else 6
            h = cin * t
            expand = conv(1, cin, h, bias) + bn(h) if t != 1 else 0
            depthwise = 9 * h + (h if bias else 0) + bn(h)
            total += expand + depthwise + conv(1, h, cout, bias) + bn(cout)
            cin = cout
    return total + conv(1, 320, 1280, bias) + bn(1280) + linear(1280, classes)


def vgg16_bn_count(classes=100):
    total, cin = 0, 3
    for cout, convs in zip((64, 128, 256, 512, 512), (2, 2, 3, 3, 3)):
        for _ in range(convs):
            total += conv(3, cin, cout) + bn(cout)
            cin = cout
    return total + linear(512, 4096) + linear(4096, 4096) + linear(4096, classes)


EXPECTED = {'vgg16-bn': vgg16_bn_count(), 'resnet18': resnet18_count(),
            'mobilenet-v2': mobilenet_v2_count()}


def _model(name):
    from mmpretrain.registry import MODELS
    return MODELS.build(Config.fromfile(f'{REPO}/configs/cifar100/{name}_1xb128_cifar100.py').model)


def test_derived_counts_are_the_reported_layouts():
    assert EXPECTED == {'vgg16-bn': 34_015_396, 'resnet18': 14_147_684,
                        'mobilenet-v2': 2_379_460}


@pytest.mark.parametrize('name', sorted(EXPECTED))
def test_parameter_counts_of_the_matrix_models(name):
    model = _model(name)
    assert sum(p.numel() for p in model.parameters()) == EXPECTED[name]
    assert model(torch.zeros(2, 3, 32, 32), mode='tensor').shape == (2, 100)


@pytest.mark.parametrize('name', sorted(EXPECTED))
def test_every_layer_keeps_pytorch_default_init(name):
    """Conv/Linear weights ~ U(+-1/sqrt(fan_in)) (Kaiming-uniform, a=sqrt(5)), biases
    U(+-1/sqrt(fan_in)), BN weight 1 and bias 0 -- after the Runner's init_weights()."""
    torch.manual_seed(0)
    model = _model(name)
    model.init_weights()
    layers = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert all(m.bias is not None for m in layers)  # a bias in every conv and linear
    for m in layers:
        bound = 1 / math.sqrt(m.weight[0].numel())  # fan_in = in/groups * k * k
        assert m.weight.abs().max() <= bound and m.bias.abs().max() <= bound
        if m.weight.numel() >= 20000:
            assert float(m.weight.std()) == pytest.approx(bound / math.sqrt(3), rel=0.05)
        if m.bias.numel() >= 64:
            assert float(m.bias.std()) == pytest.approx(bound / math.sqrt(3), rel=0.3)
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    assert norms and all((m.weight == 1).all() and (m.bias == 0).all() for m in norms)


def test_resnet18_transitions_are_bare_stride2_convs_feeding_the_next_block():
    backbone = CifarResNet18()
    layers = list(backbone.layers)
    transitions = [i for i, m in enumerate(layers)
                   if isinstance(m, nn.Conv2d) and m.stride == (2, 2)]
    assert len(transitions) == 3
    for i in transitions:
        assert type(layers[i + 1]).__name__ == 'ResidualBlock'  # no BN/ReLU in between
    # the transition's raw output is the block's identity input: block(x) = relu(f(x) + x)
    x = torch.randn(1, 64, 8, 8)
    raw = layers[transitions[0]](x)
    block = layers[transitions[0] + 1].eval()
    residual = block.bn2(block.conv2(block.relu(block.bn1(block.conv1(raw)))))
    assert torch.allclose(block(raw), torch.relu(residual + raw))
    assert backbone(torch.zeros(2, 3, 32, 32))[0].shape == (2, 512, 4, 4)


def test_resnet18_options_give_the_other_layouts():
    for bias, bare in [(False, False), (False, True), (True, False)]:
        backbone = CifarResNet18(conv_bias=bias, bare_transitions=bare)
        assert (sum(p.numel() for p in backbone.parameters()) + linear(512, 100)
                == resnet18_count(bias, bare))


def test_mobilenet_v2_feature_sizes_and_first_block_expansion():
    backbone = CifarMobileNetV2(out_indices=(0, 3, 4, 5, 6, 7))
    shapes = [tuple(o.shape[1:]) for o in backbone(torch.zeros(2, 3, 32, 32))]
    assert shapes == [(16, 32, 32), (64, 4, 4), (96, 4, 4), (160, 2, 2), (320, 2, 2),
                      (1280, 2, 2)]
    assert backbone.conv1[0].kernel_size == (1, 1) and backbone.conv1[0].stride == (1, 1)
    first = backbone.stages[0][0].conv
    assert first[0].out_channels == 32 * 6 and first[3].groups == 32 * 6
    paper = CifarMobileNetV2(first_expand_ratio=1, conv_bias=False)
    assert (sum(p.numel() for p in paper.parameters()) + linear(1280, 100)
            == mobilenet_v2_count(first_t=1, bias=False))
