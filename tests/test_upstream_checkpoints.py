"""The published checkpoints the configs name, rebuilt with the structure their saving code
gave them (tests/helpers/upstream_checkpoints.py: mmcv 1.x meta, publish_model, torch's
legacy format, torchvision state dicts), load safely through the code path each is used by
and pass or fail the exact-fit check as they should. Key names and shapes are the models'
own; URLs are served from torch's hub cache, filled under the URL's file name, so nothing is
downloaded."""
import importlib
import os.path as osp
from collections import OrderedDict

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.runner import load_checkpoint
from mmengine.runner.checkpoint import _load_checkpoint

import custom_modules  # noqa: F401  (installs the safe loader)
from custom_modules.errors import ConfigError
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits, weight_mismatch
from tests.helpers.checkpoint_server import hub_cache
from tests.helpers.configs import REPO, run_script
from tests.helpers.upstream_checkpoints import (
    NUMPY1_PICKLE,
    mmcv1_checkpoint,
    mmcv1_meta,
    publish_model,
    save_converted_third_party,
    save_torchvision,
)

C4_CONFIG = 'configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py'
C4_PUBLISHED = 'faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth'
MASK_RCNN_CONFIG = 'configs/voc/faster-rcnn_r50-init-coco-mask-rcnn_fpn_1xb2-cos-12e_voc0712.py'


def build(config):
    """The model of ``config`` (built in its default scope) and the config."""
    cfg = Config.fromfile(osp.join(REPO, config))
    registry = importlib.import_module(f'{cfg.default_scope}.registry').MODELS
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        return registry.build(cfg.model), cfg


def init_weights(model, cfg):
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        model.init_weights()


def assert_loaded(state, published, prefix=''):
    """Every tensor of ``state`` holds the published tensor ``prefix + key``."""
    for key, value in state.items():
        assert torch.equal(value, published[prefix + key].to(value.dtype)), key


def coco_classes():
    from mmdet.datasets import CocoDataset
    return CocoDataset.METAINFO['classes']


def test_mmdet2_coco_c4_converts_to_what_the_voc_c4_config_loads_exactly(tmp_path):
    model, _ = build(C4_CONFIG)
    coco_rows = {'rpn_head.rpn_cls': 15, 'rpn_head.rpn_reg': 60,  # sigmoid RPN, 15 anchors
                 'roi_head.bbox_head.fc_cls': 81, 'roi_head.bbox_head.fc_reg': 320}
    coco = OrderedDict()
    for key, value in model.state_dict().items():
        rows = coco_rows.get(key.rpartition('.')[0])
        coco[key] = value if rows is None else torch.empty((rows, *value.shape[1:]),
                                                           device='meta')
    meta = mmcv1_meta('mmdet', '2.22.0+a1b2c3d', 'faster_rcnn_r50_caffe_c4_1x_coco.py',
                      coco_classes(), epoch=12, iteration=87960)
    published = publish_model(mmcv1_checkpoint(coco, meta), tmp_path / C4_PUBLISHED)
    # used unconverted, it does not fit: the RPN and RoI head rows differ
    with pytest.raises(ConfigError, match=r'rpn_head.rpn_cls.weight: checkpoint '
                                          r'\(15, 1024, 1, 1\) vs model \(18, 1024, 1, 1\)'):
        check_checkpoint_fits(model, published)
    out = tmp_path / 'voc.pth'
    result = run_script('tools/convert_coco_c4_to_voc.py', published, '--out', out)
    assert result.returncode == 0, result.stderr[-2000:]
    found = check_checkpoint_fits(model, str(out))
    assert not found and found.loaded == len(model.state_dict())
    load_checkpoint(model, str(out), strict=True)  # what load_from does, here strictly
    source = _load_checkpoint(published)['state_dict']
    assert_loaded({k: v for k, v in model.state_dict().items() if 'layer' in k}, source)


def test_mmdet_mask_rcnn_backbone_initialises_the_fpn_config_from_its_url(
        tmp_path, monkeypatch):
    cache = hub_cache(tmp_path, monkeypatch)
    model, cfg = build(MASK_RCNN_CONFIG)
    url = cfg.model.backbone.init_cfg.checkpoint
    state = OrderedDict((f'backbone.{k}', v) for k, v in model.backbone.state_dict().items())
    for key, shape in (('neck.lateral_convs.0.conv.weight', (256, 256, 1, 1)),
                       ('rpn_head.rpn_cls.weight', (3, 256, 1, 1)),
                       ('roi_head.bbox_head.fc_cls.weight', (81, 1024)),
                       ('roi_head.mask_head.conv_logits.weight', (80, 256, 1, 1))):
        state[key] = torch.empty(shape, device='meta')
    meta = mmcv1_meta('mmdet', '1.0.0+1d2e3f4', 'mask_rcnn_r50_fpn_1x_coco.py', coco_classes(),
                      epoch=12, iteration=87960, mmcv_version='0.2.16')
    publish_model(mmcv1_checkpoint(state, meta), cache / osp.basename(url))
    init_weights(model, cfg)
    published = _load_checkpoint(str(cache / osp.basename(url)))
    assert published['meta']['CLASSES'] == tuple(coco_classes())
    assert_loaded(model.backbone.state_dict(), published['state_dict'], prefix='backbone.')


@pytest.mark.parametrize('config,name', [
    ('configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024_native_camvid.py',
     'pspnet_r50-d8_512x1024_80k_cityscapes.py'),
    ('configs/cityscapes/ocrnet_hr48_4xb2-160k_cityscapes-512x1024_tta-ms4-native_camvid.py',
     'ocrnet_hr48_512x1024_160k_cityscapes.py')])
def test_mmseg0_cityscapes_checkpoint_fits_the_config_exactly(config, name, tmp_path):
    from mmseg.datasets import CityscapesDataset
    model, _ = build(config)
    classes, palette = (CityscapesDataset.METAINFO[k] for k in ('classes', 'palette'))
    # an EvalHook with save_best left a numpy 1.x float in hook_msgs
    hook_msgs = dict(last_ckpt=f'./work_dirs/{name}/iter_80000.pth',
                     best_score=np.float64(0.7785), best_ckpt=f'./work_dirs/{name}/best.pth')
    meta = mmcv1_meta('mmseg', '0.5.0+b2724da', name, classes, epoch=81, iteration=80000,
                      palette=palette, hook_msgs=hook_msgs, mmcv_version='1.0.0')
    path = publish_model(mmcv1_checkpoint(model.state_dict(), meta), tmp_path / 'seg.pth',
                         pickle_module=NUMPY1_PICKLE)
    assert b'numpy.core.multiarray\nscalar' in open(path, 'rb').read()
    loaded = _load_checkpoint(path)
    assert list(loaded) == ['meta', 'state_dict']
    assert loaded['meta']['PALETTE'][0] == list(palette[0])
    assert loaded['meta']['hook_msgs']['best_score'] == np.float64(0.7785)
    found = check_checkpoint_fits(model, path)  # what tools/test.py and seg_video.py run
    assert not found and found.loaded == len(model.state_dict())


def test_torchvision_resnet18_and_mmcls_resnet18_initialise_their_configs(
        tmp_path, monkeypatch):
    import torchvision
    from mmpretrain.datasets.categories import IMAGENET_CATEGORIES
    cache = hub_cache(tmp_path, monkeypatch)
    # torchvision://resnet18 (CUB config): the bare state dict, 2021 zip re-upload
    model, cfg = build('configs/cub/resnet18_1xb32-pretrained_cub200.py')
    vision = save_torchvision(torchvision.models.resnet18(), cache / 'resnet18-f37072fd.pth',
                              legacy=False)
    init_weights(model, cfg)
    assert_loaded(model.backbone.state_dict(), vision)
    found = weight_mismatch(model.backbone, 'torchvision://resnet18')
    assert (found.missing, found.mismatched, found.unexpected) == ([], [], ['fc.weight',
                                                                           'fc.bias'])
    # mmcls 0.x model zoo (https URL, prefix 'backbone'): publish_model of an mmcv 1.x file
    model, cfg = build('configs/custom/resnet18_1xb32-pretrained-aug-adam-50e_folder.py')
    url = cfg.model.backbone.init_cfg.checkpoint
    state = OrderedDict((f'backbone.{k}', v) for k, v in model.backbone.state_dict().items())
    state['head.fc.weight'] = torch.empty((1000, 512), device='meta')
    meta = mmcv1_meta('mmcls', '0.15.0+d5e6f7a', 'resnet18_8xb32_in1k.py',
                      IMAGENET_CATEGORIES, epoch=100, iteration=500400, mmcv_version='1.3.12')
    published = mmcv1_checkpoint(state, meta)
    publish_model(published, cache / osp.basename(url))
    init_weights(model, cfg)
    assert_loaded(model.backbone.state_dict(), published['state_dict'], prefix='backbone.')


def test_torchvision_googlenet_legacy_file_initialises_its_config(tmp_path, monkeypatch):
    import torchvision
    cache = hub_cache(tmp_path, monkeypatch)
    model, cfg = build('configs/custom/googlenet_1xb32-pretrained-adam-30e_folder.py')
    url = cfg.model.backbone.init_cfg.checkpoint
    vision = save_torchvision(torchvision.models.googlenet(aux_logits=True, init_weights=False),
                              cache / osp.basename(url), legacy=True)
    init_weights(model, cfg)
    assert_loaded(model.backbone.state_dict(), vision)
    found = weight_mismatch(model.backbone, url)
    assert not found.missing and not found.mismatched
    assert {key.split('.')[0] for key in found.unexpected} == {'aux1', 'aux2', 'fc'}


@pytest.mark.parametrize('config,scheme', [
    ('configs/voc/yolov3_d53_4xb8-ms-608-30e_voc0712.py', 'open-mmlab://darknet53'),
    ('configs/voc/fcos_r50-caffe_fpn_gn-head_4xb4-30e_voc0712.py',
     'open-mmlab://detectron/resnet50_caffe')])
def test_converted_third_party_backbones_initialise_their_configs(
        config, scheme, tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import get_external_models
    cache = hub_cache(tmp_path, monkeypatch)
    model, cfg = build(config)
    assert cfg.model.backbone.init_cfg.checkpoint == scheme
    url = get_external_models()[scheme[len('open-mmlab://'):]]
    weights = save_converted_third_party(model.backbone.state_dict(),
                                         cache / osp.basename(url))
    init_weights(model, cfg)
    assert_loaded({k: v for k, v in model.backbone.state_dict().items() if k in weights},
                  weights)
    found = weight_mismatch(model.backbone, scheme)
    assert not found.unexpected and not found.mismatched
    assert found.missing and all(k.endswith('num_batches_tracked') for k in found.missing)


def test_test_tool_evaluates_an_mmcv1_published_checkpoint(tmp_path):
    """tools/test.py CHECKPOINT: an mmcls 0.x-style published file (mmcv 1.x meta, legacy
    format) of the config's model passes the exact-fit check and is evaluated."""
    from tests.helpers.cifar_data import make_cifar10
    from tests.helpers.configs import tiny_cifar10_config
    make_cifar10(tmp_path / 'data', per_class_train=1, per_class_test=1)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    model, _ = build(config)
    meta = mmcv1_meta('mmcls', '0.15.0+d5e6f7a', 'cfg.py', [f'c{i}' for i in range(10)],
                      epoch=1, iteration=2)
    path = publish_model(mmcv1_checkpoint(model.state_dict(), meta), tmp_path / 'pub.pth')
    result = run_script('tools/test.py', config, path, '--work-dir', str(tmp_path / 'w'))
    assert result.returncode == 0, result.stderr[-2000:]
    output = result.stdout + result.stderr
    assert f'{len(model.state_dict())} tensors match' in output and 'accuracy/top1' in output
