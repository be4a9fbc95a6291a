"""CIFAR backbones: output shapes at 32 px and pinned parameter counts of the three models."""
import pytest
import torch
from mmengine.config import Config

import custom_modules  # noqa: F401
from custom_modules.plugins.models import CifarMobileNetV2, CifarResNet18
from tests.helpers.configs import REPO

# parameters of the whole classifier with 100 classes (printed by the test)
PINNED = {'vgg16-bn': 34_015_396, 'resnet18': 14_144_676, 'mobilenet-v2': 2_351_204}


def test_cifar_resnet18_keeps_4x4_at_the_last_stage():
    out = CifarResNet18()(torch.zeros(2, 3, 32, 32))
    assert len(out) == 1 and out[0].shape == (2, 512, 4, 4)


def test_cifar_mobilenet_v2_feature_sizes():
    backbone = CifarMobileNetV2(out_indices=(3, 4, 5, 6, 7))
    shapes = [tuple(o.shape[1:]) for o in backbone(torch.zeros(2, 3, 32, 32))]
    assert shapes == [(64, 4, 4), (96, 4, 4), (160, 2, 2), (320, 2, 2), (1280, 2, 2)]
    assert backbone.conv1.conv.kernel_size == (1, 1) and backbone.conv1.conv.stride == (1, 1)


@pytest.mark.parametrize('name', sorted(PINNED))
def test_parameter_counts_are_pinned(name):
    from mmpretrain.registry import MODELS
    cfg = Config.fromfile(f'{REPO}/configs/cifar100/{name}_1xb128_cifar100.py')
    model = MODELS.build(cfg.model)
    count = sum(p.numel() for p in model.parameters())
    print(f'{name}: {count:,} parameters')
    logits = model(torch.zeros(2, 3, 32, 32), mode='tensor')
    assert logits.shape == (2, 100)
    assert count == PINNED[name]
