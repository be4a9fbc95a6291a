"""CUB fine-tuning models (report 002-A): per-layer learning rates, ImageNet weights, init.

Parameter counts, decomposed:
- ResNet-18 backbone 11,176,512: stem conv 7x7x3x64 (9,408) + BN 128; stage i (i = 1..4,
  width w = 64*2^(i-1), input w_in) = conv 3x3 w_in->w, three convs 3x3 w->w, four BNs,
  plus in stages 2-4 a 1x1 w_in->w projection with its BN. A 200-way fc adds 102,600.
- AlexNet: convs 11x11 3->64, 5x5 64->192, 3x3 192->384, 384->256, 256->256 (with biases,
  2,469,696), Linear 9216->4096, 4096->4096 (54,534,144), new Linear 4096->200 (819,400).
"""
import pytest
import torch
import torchvision
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpretrain.models.backbones.resnet import BasicBlock
from mmpretrain.registry import MODELS

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO

LR = 0.02  # the fc rate chosen by the report's grid


def _config(name):
    return Config.fromfile(f'{REPO}/configs/cub/{name}.py')


def _conv(k, c_in, c_out, bias=False):
    return k * k * c_in * c_out + (c_out if bias else 0)


def _resnet18_backbone_params():
    count = _conv(7, 3, 64) + 2 * 64
    w_in = 64
    for w in (64, 128, 256, 512):
        count += _conv(3, w_in, w) + 3 * _conv(3, w, w) + 4 * 2 * w
        if w != w_in:
            count += _conv(1, w_in, w) + 2 * w
        w_in = w
    return count


def _alexnet_params(num_classes):
    convs = [(11, 3, 64), (5, 64, 192), (3, 192, 384), (3, 384, 256), (3, 256, 256)]
    linears = [(256 * 6 * 6, 4096), (4096, 4096), (4096, num_classes)]
    return (sum(_conv(k, i, o, bias=True) for k, i, o in convs)
            + sum(i * o + o for i, o in linears))


def _build(cfg):
    """The model without allocating AlexNet's weights (mmpretrain's ResNet cannot be built on
    the meta device)."""
    if cfg.model.backbone.type == 'ResNet':
        return MODELS.build(cfg.model)
    with torch.device('meta'):
        return MODELS.build(cfg.model)


def _lr_of_parameters(cfg, model):
    wrapper = build_optim_wrapper(model, cfg.optim_wrapper)
    lr_of = {id(p): group['lr'] for group in wrapper.optimizer.param_groups
             for p in group['params']}
    return {name: lr_of[id(p)] for name, p in model.named_parameters()}


@pytest.mark.parametrize('name, new_layer', [
    ('resnet18_1xb32-pretrained_cub200', 'head.fc.'),
    ('alexnet_1xb32-pretrained_cub200', 'backbone.classifier.6.'),
])
def test_pretrained_new_layer_at_lr_every_other_parameter_at_a_tenth(name, new_layer):
    cfg = _config(name)
    model = _build(cfg)
    lrs = _lr_of_parameters(cfg, model)
    assert cfg.optim_wrapper.optimizer.lr == LR
    assert any(n.startswith(new_layer) for n in lrs)
    for param_name, lr in lrs.items():  # BN and biases included
        assert lr == pytest.approx(LR if param_name.startswith(new_layer) else LR / 10), \
            param_name


@pytest.mark.parametrize('name', ['resnet18_1xb32-scratch_cub200', 'alexnet_1xb32-scratch_cub200'])
def test_random_init_trains_every_layer_at_one_lr(name):
    cfg = _config(name)
    model = _build(cfg)
    assert set(_lr_of_parameters(cfg, model).values()) == {LR}


@pytest.mark.parametrize('name', [f'{model}_1xb32-{init}_cub200'
                                  for model in ('resnet18', 'alexnet')
                                  for init in ('pretrained', 'scratch')])
def test_sgd_momentum_and_weight_decay_on_every_group(name):
    cfg = _config(name)
    model = _build(cfg)
    optimizer = build_optim_wrapper(model, cfg.optim_wrapper).optimizer
    assert isinstance(optimizer, torch.optim.SGD)
    for group in optimizer.param_groups:
        assert (group['momentum'], group['weight_decay'], group['nesterov']) == (0.9, 1e-3, False)


@pytest.mark.parametrize('name, expected', [
    ('resnet18_1xb32-scratch_cub200', _resnet18_backbone_params() + 512 * 200 + 200),
    ('alexnet_1xb32-scratch_cub200', _alexnet_params(200)),
])
def test_parameter_count(name, expected):
    model = _build(_config(name))
    assert sum(p.numel() for p in model.parameters()) == expected
    assert expected in (11_176_512 + 102_600, 57_823_240)  # the layouts in the docstring


def test_torchvision_resnet18_weights_load_by_name(tmp_path):
    """``torchvision://resnet18`` is torchvision's state dict: every backbone tensor takes the
    value of the torchvision tensor of the same name; its 1000-way fc is not used."""
    cfg = _config('resnet18_1xb32-pretrained_cub200')
    assert cfg.model.backbone.init_cfg.checkpoint == 'torchvision://resnet18'
    torch.manual_seed(0)
    weights = torchvision.models.resnet18().state_dict()  # random values stand in for ImageNet's
    for name, value in weights.items():
        if value.is_floating_point():
            weights[name] = value + torch.rand_like(value)  # BN statistics differ from defaults
    torch.save(weights, tmp_path / 'resnet18.pth')
    cfg.model.backbone.init_cfg.checkpoint = str(tmp_path / 'resnet18.pth')
    model = MODELS.build(cfg.model)
    model.init_weights()
    backbone = model.backbone.state_dict()
    assert set(weights) - set(backbone) == {'fc.weight', 'fc.bias'}
    assert set(backbone) <= set(weights)
    for name, value in backbone.items():
        assert torch.equal(value, weights[name]), name
    assert model.head.fc.weight.shape == (200, 512)


def test_torchvision_alexnet_layer_names_match():
    with torch.device('meta'):
        ours = MODELS.build(_config('alexnet_1xb32-pretrained_cub200').model).backbone
        theirs = torchvision.models.alexnet()
    shapes = {k: v.shape for k, v in theirs.state_dict().items()}
    for name, value in ours.state_dict().items():
        expected = (200, 4096) if name == 'classifier.6.weight' else \
            (200,) if name == 'classifier.6.bias' else shapes[name]
        assert value.shape == expected, name
    assert set(ours.state_dict()) == set(shapes)


def test_random_init_follows_torchvision():
    """Kaiming-normal fan_out convs, BN weight 1 / bias 0 (no zero-init of the residual BN),
    fc with PyTorch's default uniform(+-1/sqrt(512)) init (not mmpretrain's normal 0.01)."""
    torch.manual_seed(0)
    model = MODELS.build(_config('resnet18_1xb32-scratch_cub200').model)
    model.init_weights()
    stem = model.backbone.conv1.weight
    assert stem.std().item() == pytest.approx((2 / (64 * 7 * 7)) ** 0.5, rel=0.05)
    blocks = [m for m in model.backbone.modules() if isinstance(m, BasicBlock)]
    assert len(blocks) == 8
    for block in blocks:
        assert torch.all(block.norm2.weight == 1) and torch.all(block.norm2.bias == 0)
    bound = 512 ** -0.5
    fc = model.head.fc.weight
    assert fc.abs().max().item() <= bound
    assert fc.std().item() == pytest.approx(bound / 3 ** 0.5, rel=0.05)
