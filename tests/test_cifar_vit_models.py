"""The equal-size CIFAR-100 models of configs/cifar100_vit/ (report 001-C): parameter counts,
shapes, initialisation, weight decay groups, the constant schedule and the data pipelines.

Parameter counts (100 classes), decomposed:
- ResNeXt-29 32x4d: stem 3x3x3x64 = 1,728 + BN 128; stage 1: 63,488 + 2 x 71,168;
  stage 2: 349,184 + 2 x 282,624; stage 3: 1,390,592 + 2 x 1,126,400 (grouped 3x3 convs
  128/256/512 wide, outputs 256/512/1024, projection shortcuts in the first block of each
  stage, BN everywhere) + Linear 1024->100 (102,500) = 4,868,004.
- ViT block of width D, MLP M: qkv D x 3D + 3D, proj D x D + D, MLP D x M + M + M x D + D,
  2 LayerNorms 4D = 4D^2 + 2DM + 9D + M.
- ViT-13 (D 192, M 768, 11 blocks of 444,864 = 4,893,504), + patch embedding
  3x2x2x192+192 = 2,496, + class token 192, + learned position embedding 257x192 =
  49,344, + final LayerNorm 384, + head 192x100+100 = 19,300: 4,965,220.
- ViT-13 sin-cos/GAP variant: the same without class token and learned position embedding
  (fixed sin-cos buffer): 4,965,220 - 192 - 49,344 = 4,915,684.
- ViT-6 (D 384, M 768): 4 blocks x 1,183,872 = 4,735,488, + patch embedding 4,992, + class
  token 384, + position embedding 257x384 = 98,688, + final LayerNorm 768, + head
  384x100+100 = 38,500: 4,878,820.
"""
import glob
import math
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpretrain.models.utils import build_2d_sincos_position_embedding
from mmpretrain.registry import DATASETS, MODELS

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch


def _vit_params(dims, mlp, layers, cls_and_pos=True, classes=100):
    block = 4 * dims ** 2 + 2 * dims * mlp + 9 * dims + mlp
    extra = dims + 257 * dims if cls_and_pos else 0
    return layers * block + (3 * 2 * 2 * dims + dims) + extra + 2 * dims + dims * classes + classes


def _resnext29_params(classes=100):
    def bottleneck(inp, width, out, project):
        convs = inp * width + width * (width // 32) * 9 + width * out
        norms = 2 * (width + width + out)
        shortcut = inp * out + 2 * out if project else 0
        return convs + norms + shortcut
    total = 3 * 3 * 3 * 64 + 2 * 64
    inp = 64
    for width, out in ((128, 256), (256, 512), (512, 1024)):
        total += bottleneck(inp, width, out, True) + 2 * bottleneck(out, width, out, False)
        inp = out
    return total + 1024 * classes + classes


EXPECTED = {  # config name prefix -> (parameters, backbone output shape at batch 2)
    'resnext29-32x4d': (_resnext29_params(), (2, 1024, 8, 8)),
    'vit-13': (_vit_params(192, 768, 11), (2, 192)),
    'vit-13-sincos-gap': (_vit_params(192, 768, 11, cls_and_pos=False), (2, 192)),
    'vit-6': (_vit_params(384, 768, 4), (2, 384)),
}
VIT_DIR = osp.join(REPO, 'configs/cifar100_vit')
CONFIGS = sorted(glob.glob(osp.join(VIT_DIR, '*.py')))
FAITHFUL = {'resnext29-32x4d': 'resnext29-32x4d_1xb384-deit-pbt-200e_cifar100.py',
            'vit-13': 'vit-13_p2-d192-l11_1xb384-deit-pbt-200e_cifar100.py',
            'vit-6': 'vit-6_p2-d384-l4_1xb384-deit-pbt-200e_cifar100.py'}
MODERN = {'resnext29-32x4d': 'resnext29-32x4d_1xb128-deit-cos-200e_cifar100.py',
          'vit-13-sincos-gap': 'vit-13-sincos-gap_p2-d192-l11_1xb128-deit-cos-200e_cifar100.py',
          'vit-6': 'vit-6_p2-d384-l4_1xb128-deit-cos-200e_cifar100.py'}


def _expected(path):
    name = osp.basename(path)
    return next(v for k, v in EXPECTED.items() if name.startswith(k + '_'))


def test_derived_counts():
    assert EXPECTED['resnext29-32x4d'][0] == 4_868_004
    assert EXPECTED['vit-13'][0] == 4_965_220 and EXPECTED['vit-13-sincos-gap'][0] == 4_915_684
    assert EXPECTED['vit-6'][0] == 4_878_820


def test_every_model_has_a_faithful_config_and_a_modern_variant():
    names = {osp.basename(p) for p in CONFIGS}
    assert names == set(FAITHFUL.values()) | set(MODERN.values())


@pytest.mark.parametrize('config', CONFIGS, ids=osp.basename)
def test_parameter_count_and_shapes(config):
    params, feature_shape = _expected(config)
    model = MODELS.build(Config.fromfile(config).model)  # init: tested below
    count = sum(p.numel() for p in model.parameters())
    assert count == params  # the exact layout documented above
    model.eval()
    images = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        features = model.extract_feat(images, stage='backbone')
        logits = model(images, mode='tensor')
    assert tuple(features[-1].shape) == feature_shape
    assert tuple(logits.shape) == (2, 100) and torch.isfinite(logits).all()


def _mlp_linears(layer):
    """fc1 (D -> M) and fc2 (M -> D) of a transformer block's MLP."""
    fc1, fc2 = [m for m in layer.ffn.modules() if isinstance(m, torch.nn.Linear)]
    assert fc1.in_features == fc2.out_features == layer.embed_dims
    return fc1, fc2


def _faithful(key):
    return Config.fromfile(osp.join(VIT_DIR, FAITHFUL[key]))


@pytest.mark.parametrize('key', ['vit-13', 'vit-6'])
def test_faithful_vit_layout_and_init(key):
    model = MODELS.build(_faithful(key).model)
    model.init_weights()
    backbone = model.backbone
    dims = backbone.embed_dims
    assert backbone.cls_token.shape == (1, 1, dims) and backbone.pos_embed.shape == (1, 257, dims)
    assert backbone.out_type == 'cls_token' and backbone.final_norm
    assert backbone.ln1.eps == 1e-6 and backbone.layers[0].attn.qkv.bias is not None
    rates = [layer.attn.out_drop.drop_prob for layer in backbone.layers]  # DropPath
    assert rates[0] == 0 and rates[-1] == pytest.approx(0.1)
    assert np.allclose(np.diff(rates), rates[1] - rates[0])  # linear over the blocks
    assert abs(backbone.pos_embed.std().item() - 0.02) < 0.002
    head = model.head.layers.head.weight
    assert abs(head.std().item() - 0.02) < 0.003  # trunc-normal 0.02 (timm >= 0.6), not zeros
    qkv = backbone.layers[0].attn.qkv
    assert abs(qkv.weight.std().item() - 0.02) < 0.002 and (qkv.bias == 0).all()
    for layer in backbone.layers:  # the MLPs too (mmpretrain's own: Xavier, std >= 0.04)
        for fc in _mlp_linears(layer):
            weight = fc.weight.detach()
            assert abs(weight.std().item() - 0.02) < 0.001, weight.std()
            assert abs(weight.mean().item()) < 0.0005
            assert (fc.bias == 0).all()
    cls = backbone.cls_token.detach()  # timm: N(0, 1e-6^2), not mmpretrain's zeros
    assert (cls != 0).all() and 0.5e-6 < cls.std().item() < 1.5e-6
    conv = backbone.patch_embed.projection  # PyTorch default: |w| <= 1/sqrt(fan_in)
    assert conv.weight.abs().max() <= 1 / math.sqrt(3 * 2 * 2) + 1e-6


def test_modern_vit_keeps_mmpretrain_mlp_init():
    """The modern variant keeps stock mmpretrain: Xavier-uniform MLP weights (std
    sqrt(2 / (fan_in + fan_out)) = 0.042 for 384 <-> 768), N(0, 1e-6^2) biases, zero class
    token -- what TimmInitViT changes in the faithful configs."""
    model = MODELS.build(Config.fromfile(osp.join(VIT_DIR, MODERN['vit-6'])).model)
    model.init_weights()
    for fc in _mlp_linears(model.backbone.layers[0]):
        assert abs(fc.weight.std().item() - math.sqrt(2 / (384 + 768))) < 0.002
        assert (fc.bias != 0).any() and fc.bias.abs().max() < 1e-5
    assert (model.backbone.cls_token == 0).all()


def test_timm_init_vit_keeps_pretrained_weights(tmp_path):
    arch = dict(embed_dims=32, num_layers=1, num_heads=2, feedforward_channels=64)
    source = MODELS.build(dict(type='VisionTransformer', img_size=8, patch_size=4, arch=arch))
    with torch.no_grad():
        for param in source.parameters():
            param.uniform_(-3, 3)  # nothing an init would draw
    torch.save(source.state_dict(), tmp_path / 'vit.pth')
    model = MODELS.build(dict(type='TimmInitViT', img_size=8, patch_size=4, arch=arch,
                              init_cfg=dict(type='Pretrained',
                                            checkpoint=str(tmp_path / 'vit.pth'))))
    model.init_weights()
    for name, value in source.state_dict().items():
        assert torch.equal(model.state_dict()[name], value), name


def test_faithful_resnext_init():
    model = MODELS.build(_faithful('resnext29-32x4d').model)
    model.init_weights()
    backbone = model.backbone
    bound = 1 / math.sqrt(27)  # PyTorch default for the stem: uniform(+-1/sqrt(fan_in))
    assert backbone.conv1.weight.abs().max() <= bound and backbone.conv1.weight.std() > bound / 3
    grouped = backbone.layer2[1].conv2.weight  # Kaiming normal, fan_out = 256 x 9
    assert abs(grouped.std().item() - math.sqrt(2 / (256 * 9))) < 0.003
    assert all((block.norm3.weight == 0).all() and (block.norm1.weight == 1).all()
               for layer in (backbone.layer1, backbone.layer2, backbone.layer3)
               for block in layer)
    assert model.head.fc.weight.abs().max() <= 1 / math.sqrt(1024)  # PyTorch default
    rates = [block.drop_path.drop_prob if hasattr(block.drop_path, 'drop_prob') else 0.0
             for layer in (backbone.layer1, backbone.layer2, backbone.layer3) for block in layer]
    assert rates[0] == 0 and rates[-1] == pytest.approx(0.1) and len(rates) == 9


@pytest.mark.parametrize('key', ['vit-13', 'resnext29-32x4d'])
def test_weight_decay_spares_1d_tensors_and_biases_only(key):
    cfg = _faithful(key)
    model = MODELS.build(cfg.model)
    wrapper = build_optim_wrapper(model, cfg.optim_wrapper)
    decay = {id(p): g['weight_decay'] for g in wrapper.optimizer.param_groups
             for p in g['params']}
    for name, param in model.named_parameters():
        expected = 0.0 if param.ndim <= 1 or name.endswith('.bias') else 1e-3
        assert decay[id(param)] == expected, name
    if key == 'vit-13':  # position embedding and class token are decayed
        assert decay[id(model.backbone.pos_embed)] == decay[id(model.backbone.cls_token)] == 1e-3
    group = wrapper.optimizer.param_groups[0]
    assert type(wrapper.optimizer).__name__ == 'AdamW' and group['betas'] == (0.9, 0.999)
    assert group['eps'] == 1e-8 and group['lr'] == 1e-3


@pytest.mark.parametrize('key', sorted(FAITHFUL))
def test_faithful_recipe(key):
    cfg = _faithful(key)
    assert not cfg.get('param_scheduler')  # constant lr
    assert lr_per_epoch(cfg, iters_per_epoch=118) == [1e-3] * 200  # ceil(45,000 / 384)
    assert cfg.train_cfg.max_epochs == 200 and cfg.train_cfg.val_interval == 1
    assert cfg.default_hooks.checkpoint.save_best is None  # epoch 200 is the reported model
    loader = cfg.train_dataloader
    assert loader.batch_size == 384
    assert loader.sampler == dict(type='RepeatAugSampler', num_repeats=3, shuffle=True)
    dataset = loader.dataset
    assert (dataset.split_mode, dataset.split_seed, dataset.val_fraction) == (
        'random_split', 19260817, 0.1)
    assert [t.type for t in dataset.pipeline] == [
        'KeepAspectRandomResizedCrop', 'RandomFlip', 'NumpyToPIL',
        'torchvision/TrivialAugmentWide', 'PILToNumpy', 'TorchvisionRandomErasing',
        'PackInputs']
    crop, erase = dataset.pipeline[0], dataset.pipeline[5]
    assert tuple(crop.crop_ratio_range) == (0.25, 1.0) and crop.interpolation == 'bilinear'
    assert erase.erase_prob == 0.25 and erase.fill_color == 127.5
    assert cfg.data_preprocessor.mean == cfg.data_preprocessor.std == [127.5] * 3
    assert cfg.model.backbone.drop_path_rate == 0.1
    assert cfg.model.head.loss == dict(type='LabelSmoothLoss', label_smooth_val=0.1,
                                       mode='original')
    assert cfg.model.train_cfg.augments == [dict(type='BatchMixup', alpha=0.8),
                                            dict(type='CutMix', alpha=1.0)]
    assert dict(type='ConfigOptimOnResumeHook') in cfg.custom_hooks
    assert set(cfg.pbt_search) == {'min_crop_area', 'erase_prob', 'drop_path_rate', 'lr',
                                   'weight_decay', 'batch_size'}


def test_sincos_vit_position_embedding_is_fixed():
    model = MODELS.build(dict(type='SinCosViT', img_size=32, patch_size=4,
                              arch=dict(embed_dims=32, num_layers=1, num_heads=2,
                                        feedforward_channels=64),
                              out_type='avg_featmap', with_cls_token=False))
    model.init_weights()  # mmpretrain's init would randomise a learned embedding
    expected = build_2d_sincos_position_embedding(8, 32)
    assert torch.equal(model.pos_embed, expected.reshape(1, 64, 32))
    assert expected.abs().sum() > 0
    assert 'pos_embed' not in dict(model.named_parameters())
    assert 'pos_embed' in model.state_dict()  # saved with checkpoints


def test_cifar_resnext_keeps_resolution_in_the_stem():
    backbone = MODELS.build(dict(type='CifarResNeXt', groups=4, width_per_group=2,
                                 out_indices=(0, 1, 2)))
    assert backbone.conv1.kernel_size == (3, 3) and backbone.conv1.stride == (1, 1)
    shapes = [tuple(o.shape) for o in backbone(torch.randn(1, 3, 32, 32))]
    assert shapes == [(1, 256, 32, 32), (1, 512, 16, 16), (1, 1024, 8, 8)]


@pytest.mark.parametrize('base', ['cifar100_deit_bs128.py', 'cifar100_deit-keepaspect_bs384.py'])
def test_deit_pipelines_run_on_cifar_items(tmp_path, base):
    """The crop, flip, TrivialAugment (PIL round trip) and an always-on erasing on the
    dataset's read-only uint8 RGB images."""
    from tests.helpers.cifar_data import make_cifar100
    make_cifar100(tmp_path, per_class_train=2)
    cfg = Config.fromfile(osp.join(REPO, 'configs/_base_/datasets', base))
    dataset_cfg = cfg.train_dataloader.dataset
    dataset_cfg.update(data_root=str(tmp_path), check_md5=False, val_fraction=0.5)
    next(t for t in dataset_cfg.pipeline if 'RandomErasing' in t.type).erase_prob = 1.0
    dataset = DATASETS.build(dataset_cfg)
    assert len(dataset) == 100
    item = dataset[0]
    assert item['inputs'].shape == (3, 32, 32)
    assert item['data_samples'].gt_label.item() == dataset.get_data_info(0)['gt_label']
    if 'keepaspect' in base:  # erased with 127.5 (0 after normalisation): float images
        assert item['inputs'].dtype == torch.float32 and (item['inputs'] == 127.5).any()
    else:
        assert item['inputs'].dtype == torch.uint8
