"""Report 002's mmdet detectors as the seed ran them (002-B Faster R-CNN, 002-C YOLOv3):
the values of configs/voc/README.md's tables after inheritance, and their lr schedules dry-run."""
import math

import pytest
from mmengine.config import Config

from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_iteration

FRCNN = f'{REPO}/configs/voc/faster-rcnn_r50_fpn_4xb8-rep3-step3-7e_voc0712.py'
YOLO = f'{REPO}/configs/voc/yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py'
VOC0712_TRAINVAL = 5011 + 11540  # VOC2007 + VOC2012 trainval images
GPUS = 4


def _iters_per_epoch(cfg):
    """Iterations of one epoch of the repeated training set on 4 GPUs."""
    samples = cfg.train_dataloader.dataset.times * VOC0712_TRAINVAL
    return math.ceil(samples / (cfg.train_dataloader.batch_size * GPUS))


def _hook_types(cfg):
    return [h['type'] for h in cfg.custom_hooks]


def _check_voc0712_rep3(cfg, batch_size):
    loader = cfg.train_dataloader
    assert loader.batch_size == batch_size
    assert loader.batch_sampler.type == 'AspectRatioBatchSampler'
    assert loader.dataset.type == 'RepeatDataset' and loader.dataset.times == 3
    parts = loader.dataset.dataset.datasets
    assert [d.ann_file for d in parts] == ['VOC2007/ImageSets/Main/trainval.txt',
                                          'VOC2012/ImageSets/Main/trainval.txt']
    for d in parts:  # mmdet's VOC filters: boxes under 32 px become ignored
        assert d.filter_cfg == dict(filter_empty_gt=True, min_size=32, bbox_min_size=32)
    for loader in (cfg.val_dataloader, cfg.test_dataloader):
        assert loader.dataset.ann_file == 'VOC2007/ImageSets/Main/test.txt'
        assert loader.batch_size == 1
    first = cfg.val_evaluator[0]
    assert (first.type, first.eval_mode, first.prefix) == (
        'VOCMetricWithTable', '11points', 'pascal_voc')
    assert cfg.default_hooks.checkpoint.save_best == 'pascal_voc/mAP'
    assert 'EarlyStoppingHook' not in _hook_types(cfg)
    assert 'EpochTrainStatsHook' in _hook_types(cfg)
    assert cfg.optim_wrapper.type == 'OptimWrapper'  # FP32
    assert not cfg.auto_scale_lr.enable


def test_faster_rcnn_002b_values():
    cfg = Config.fromfile(FRCNN)
    _check_voc0712_rep3(cfg, batch_size=8)
    model = cfg.model
    assert model.backbone.init_cfg.checkpoint == 'torchvision://resnet50'
    assert (model.backbone.style, model.backbone.frozen_stages, model.backbone.norm_eval) == (
        'pytorch', 1, True)
    assert model.roi_head.bbox_head.num_classes == 20
    assert model.roi_head.bbox_roi_extractor.roi_layer == dict(
        type='RoIAlign', output_size=7, sampling_ratio=0)
    assert model.roi_head.bbox_head.loss_bbox.type == 'L1Loss'
    resize = [t for t in cfg.train_dataloader.dataset.dataset.datasets[0].pipeline
              if t.type == 'Resize']
    assert resize[0].scale == (1000, 600) and resize[0].keep_ratio
    assert cfg.optim_wrapper.optimizer == dict(type='SGD', lr=0.01, momentum=0.9,
                                               weight_decay=1e-4)
    assert 'clip_grad' not in cfg.optim_wrapper
    assert (cfg.train_cfg.max_epochs, cfg.train_cfg.val_interval) == (7, 1)
    assert cfg.default_hooks.checkpoint.keep_epochs == [4]  # the comparison figure's weights
    assert cfg.default_hooks.checkpoint.max_keep_ckpts == 2
    vis = next(h for h in cfg.custom_hooks if h['type'] == 'ProposalVisHook')
    assert (vis.num_proposals, vis.score_thr) == (100, 0.3)


def test_faster_rcnn_002b_schedule_no_warmup_step_after_epoch_3():
    cfg = Config.fromfile(FRCNN)
    iters = _iters_per_epoch(cfg)
    assert iters == 1552
    lrs = lr_per_iteration(cfg, iters)
    expected = [0.01] * 3 + [0.001] * 4  # lr per epoch 1..7, constant within each
    assert len(lrs) == 7
    for epoch, (got, want) in enumerate(zip(lrs, expected), start=1):
        assert got == pytest.approx([want] * iters), f'epoch {epoch}'


def test_yolov3_002c_values():
    cfg = Config.fromfile(YOLO)
    _check_voc0712_rep3(cfg, batch_size=5)
    head = cfg.model.bbox_head
    assert head.num_classes == 20
    assert head.loss_wh == dict(type='L1Loss', loss_weight=2.0, reduction='sum')
    assert head.loss_xy.loss_weight == 2.0
    assert cfg.model.backbone.init_cfg.checkpoint == 'open-mmlab://darknet53'
    preprocessor = cfg.model.data_preprocessor
    assert (preprocessor.mean, preprocessor.std, preprocessor.bgr_to_rgb,
            preprocessor.pad_size_divisor) == ([0, 0, 0], [255., 255., 255.], True, 32)
    pipeline = cfg.train_dataloader.dataset.dataset.datasets[1].pipeline
    assert [t.type for t in pipeline] == [
        'LoadImageFromFile', 'LoadAnnotations', 'Expand', 'MinIoURandomCrop', 'RandomResize',
        'RandomFlip', 'PhotoMetricDistortion', 'PackDetInputs']
    assert pipeline[4].scale == [(320, 320), (608, 608)] and pipeline[4].keep_ratio
    test_resize = [t for t in cfg.test_dataloader.dataset.pipeline if t.type == 'Resize']
    assert test_resize[0].scale == (608, 608) and test_resize[0].keep_ratio
    assert cfg.optim_wrapper.optimizer == dict(type='SGD', lr=1e-3, momentum=0.9,
                                               weight_decay=5e-4)
    assert cfg.optim_wrapper.clip_grad == dict(max_norm=35, norm_type=2)
    assert (cfg.train_cfg.max_epochs, cfg.train_cfg.val_interval) == (30, 2)
    assert cfg.default_hooks.checkpoint.interval == 2
    assert cfg.default_hooks.checkpoint.keep_epochs == [6]  # the comparison figure's weights


def test_yolov3_002c_schedule_linear_warmup_2000_iterations_then_constant():
    cfg = Config.fromfile(YOLO)
    iters = _iters_per_epoch(cfg)
    assert iters == 2483
    lrs = lr_per_iteration(cfg, iters)
    assert len(lrs) == 30
    # LinearLR 0.1 -> 1 reaches 1 at its last step (end - begin - 1 = 1999)
    warmup = [1e-3 * (0.1 + 0.9 * g / 1999) for g in range(2000)]
    assert lrs[0][:2000] == pytest.approx(warmup)
    assert lrs[0][2000:] == pytest.approx([1e-3] * (iters - 2000))
    for epoch in range(1, 30):  # milestones 218 / 246 are never reached
        assert lrs[epoch] == pytest.approx([1e-3] * iters), f'epoch {epoch + 1}'
