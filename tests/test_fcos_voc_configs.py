"""The 000-C FCOS configs carry the reported values (configs/voc/README.md) after
inheritance; the lr dry-run matches them at the listed (1-indexed) iterations."""
import os.path as osp

import pytest
from mmengine.config import Config

from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_iteration

FAITHFUL = osp.join(REPO, 'configs', 'voc',
                    'fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb16-30e_voc0712.py')
LOGGED_RUN = osp.join(REPO, 'configs', 'voc',
                      'fcos_r50_fpn_gn-head-center-centeronreg-giou_1xb4-30e_voc07.py')


@pytest.fixture(scope='module')
def cfg():
    return Config.fromfile(FAITHFUL)


def test_model(cfg):
    backbone, head = cfg.model.backbone, cfg.model.bbox_head
    assert (backbone.type, backbone.depth, backbone.style) == ('ResNet', 50, 'pytorch')
    assert backbone.init_cfg.checkpoint == 'torchvision://resnet50'
    assert backbone.frozen_stages == 1 and backbone.norm_eval
    assert backbone.norm_cfg == dict(type='BN', requires_grad=False)
    pre = cfg.model.data_preprocessor
    assert pre.mean == [123.675, 116.28, 103.53] and pre.std == [58.395, 57.12, 57.375]
    assert pre.bgr_to_rgb and pre.pad_size_divisor == 32
    neck = cfg.model.neck
    assert (neck.start_level, neck.add_extra_convs, neck.num_outs) == (1, 'on_output', 5)
    assert neck.relu_before_extra_convs
    assert head.type == 'PerImageFCOSHead' and head.num_classes == 20
    assert not head.norm_on_bbox and head.centerness_on_reg and head.conv_bias
    assert head.center_sampling and head.center_sample_radius == 1.5
    assert head.loss_bbox.type == 'GIoULoss'
    assert (head.loss_cls.alpha, head.loss_cls.gamma) == (0.25, 2.0)
    assert cfg.model.test_cfg == dict(nms_pre=1000, min_bbox_size=0, score_thr=0.05,
                                      nms=dict(type='nms', iou_threshold=0.6),
                                      max_per_img=1000)


def test_data(cfg):
    loader = cfg.train_dataloader
    assert loader.batch_size == 16 and 'batch_sampler' not in loader
    assert not loader.get('drop_last', False)
    parts = loader.dataset.datasets
    assert loader.dataset.type == 'ConcatDataset'
    assert [d.ann_file for d in parts] == ['VOC2007/ImageSets/Main/trainval.txt',
                                           'VOC2012/ImageSets/Main/trainval.txt']
    for part in parts:
        assert part.drop_difficult and not part.filter_cfg.filter_empty_gt
        assert 'bbox_min_size' not in part.filter_cfg and part.filter_cfg.min_size == 0
    steps = parts[0].pipeline
    assert [s.type for s in steps] == [
        'LoadImageFromFile', 'LoadAnnotations', 'RandomFlip', 'RandomApply', 'Rotate',
        'BoxSafeRandomCrop', 'Resize', 'PackDetInputs']
    flip, jitter, rotate, crop, resize = steps[2:7]
    assert flip.prob == 0.5
    assert jitter.prob == 0.3 and jitter.transforms == [dict(
        type='TorchvisionColorJitter', brightness=0.1, contrast=0.1, saturation=0.1, hue=0.1)]
    assert (rotate.prob, rotate.min_mag, rotate.max_mag, rotate.reversal_prob) == (
        0.5, 0.0, 10.0, 0.5)
    assert rotate.img_border_value == 0 and rotate.interpolation == 'nearest'
    assert crop.prob == 0.5 and crop.area_range == (0.2, 1.0) and crop.min_kept == 0.7
    assert resize.scale == (1333, 800) and resize.keep_ratio
    val = cfg.val_dataloader.dataset
    assert val.ann_file == 'VOC2007/ImageSets/Main/test.txt' and val.drop_difficult
    assert cfg.val_evaluator == dict(type='VOCMetricWithTable', metric='mAP', eval_mode='area',
                                     prefix='pascal_voc_area')


def test_optimiser_and_runtime(cfg):
    assert cfg.optim_wrapper == dict(type='OptimWrapper', optimizer=dict(
        type='SGD', lr=2e-3, momentum=0.9, weight_decay=1e-4))  # no paramwise_cfg, no clip
    assert cfg.train_cfg.max_epochs == 30 and cfg.train_cfg.val_interval == 1
    assert cfg.default_hooks.checkpoint.interval == 1
    assert cfg.default_hooks.checkpoint.save_best == 'pascal_voc_area/mAP'
    assert [h.type for h in cfg.custom_hooks] == ['EpochSeedHook', 'NumClassesCheckHook',
                                                  'EpochTrainStatsHook']


def test_lr_at_the_listed_iterations(cfg):
    """Spec: 2e-3 * g / 501 for g = 1..500, 2e-3 from 501, 2e-4 from 20,001, 2e-5 from 27,001;
    1,035 it/epoch (16,551 images, batch 16, last batch kept) x 30 epochs."""
    lrs = [lr for epoch in lr_per_iteration(cfg, 1035, 30) for lr in epoch]
    assert len(lrs) == 31050

    def lr(g):
        return lrs[g - 1]

    for g in (1, 2, 250, 500):
        assert lr(g) == pytest.approx(2e-3 * g / 501, rel=1e-6)
    for g, expected in [(501, 2e-3), (10000, 2e-3), (20000, 2e-3), (20001, 2e-4),
                        (27000, 2e-4), (27001, 2e-5), (31050, 2e-5)]:
        assert lr(g) == pytest.approx(expected, rel=1e-6), g
    # the decays fall inside epochs 20 and 27
    assert (20001 - 1) // 1035 + 1 == 20 and (27001 - 1) // 1035 + 1 == 27


def test_logged_run_variant():
    variant, faithful = Config.fromfile(LOGGED_RUN), Config.fromfile(FAITHFUL)
    loader = variant.train_dataloader
    assert loader.batch_size == 4
    assert loader.dataset.type == 'CheckedVOCDataset' and loader.dataset.drop_difficult
    assert loader.dataset.ann_file == 'VOC2007/ImageSets/Main/trainval.txt'
    assert loader.dataset.pipeline == faithful.train_dataloader.dataset.datasets[0].pipeline
    for key in ('model', 'optim_wrapper', 'param_scheduler', 'train_cfg', 'val_dataloader'):
        assert variant[key] == faithful[key], key
