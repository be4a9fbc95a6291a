"""The three equal-size CIFAR-100 models of configs/cifar100_vit/: parameter counts and shapes.

Parameter counts (100 classes), decomposed:
- ResNeXt-29 32x4d: backbone 4,765,504 (3x3 stem 64 + 9 bottlenecks, grouped 3x3
  convs 128/256/512 wide, outputs 256/512/1024, projection shortcuts in the first
  block of each stage, BN everywhere) + Linear 1024->100 (102,500) = 4,868,004.
- ViT-13: 11 layers x 444,864 (qkv 192x576+576, proj 192x192+192, MLP
  192x768+768 + 768x192+192, 2 LayerNorms 768) = 4,893,504, + patch embedding
  3x2x2x192+192 = 2,496, + final LayerNorm 384, + head 192x100+100 = 19,300:
  4,915,684. The sin-cos position embedding is a fixed buffer, no class token.
- ViT-6: 4 layers x 1,183,872 = 4,735,488, + patch embedding 4,992, + class token
  384, + learned position embedding 257x384 = 98,688, + final LayerNorm 768,
  + head 384x100+100 = 38,500: 4,878,820.
"""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmpretrain.models.utils import build_2d_sincos_position_embedding
from mmpretrain.registry import MODELS

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO

EXPECTED = {  # config name prefix -> (parameters, backbone output shape at batch 2)
    'resnext29-32x4d': (4_868_004, (2, 1024, 8, 8)),
    'vit-13': (4_915_684, (2, 192)),
    'vit-6': (4_878_820, (2, 384)),
}
CONFIGS = sorted(glob.glob(osp.join(REPO, 'configs/cifar100_vit/*.py')))


def _expected(path):
    name = osp.basename(path)
    return next(v for k, v in EXPECTED.items() if name.startswith(k + '_'))


def test_every_model_has_a_config():
    names = [osp.basename(p) for p in CONFIGS]
    for prefix in EXPECTED:
        assert any(n.startswith(prefix + '_') for n in names), prefix


@pytest.mark.parametrize('config', CONFIGS, ids=osp.basename)
def test_parameter_count_and_shapes(config):
    params, feature_shape = _expected(config)
    model = MODELS.build(Config.fromfile(config).model)
    model.init_weights()
    count = sum(p.numel() for p in model.parameters())
    assert abs(count - params) <= 0.01 * params, count
    assert count == params  # the exact layout documented above
    model.eval()
    images = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        features = model.extract_feat(images, stage='backbone')
        logits = model(images, mode='tensor')
    assert tuple(features[-1].shape) == feature_shape
    assert tuple(logits.shape) == (2, 100) and torch.isfinite(logits).all()


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


def test_deit_pipeline_runs_on_cifar_items(tmp_path):
    """RandomResizedCrop, flip, TrivialAugment (PIL round trip) and an always-on
    RandomErasing on the dataset's read-only uint8 RGB images."""
    from mmpretrain.registry import DATASETS

    from tests.helpers.cifar_data import make_cifar100
    make_cifar100(tmp_path, per_class_train=2)
    cfg = Config.fromfile(osp.join(REPO, 'configs/_base_/datasets/cifar100_deit_bs128.py'))
    dataset_cfg = cfg.train_dataloader.dataset
    dataset_cfg.update(data_root=str(tmp_path), check_md5=False, val_fraction=0.5)
    next(t for t in dataset_cfg.pipeline if t.type == 'RandomErasing').erase_prob = 1.0
    dataset = DATASETS.build(dataset_cfg)
    assert len(dataset) == 100
    item = dataset[0]
    assert item['inputs'].shape == (3, 32, 32) and item['inputs'].dtype == torch.uint8
    assert item['data_samples'].gt_label.item() == dataset.get_data_info(0)['gt_label']
