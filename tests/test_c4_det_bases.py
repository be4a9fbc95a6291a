"""The data and schedule bases of the C4 Faster R-CNN experiments (000-B, 001-B) carry the
reported values (configs/voc/README.md): splits, difficult objects, pipelines, batches,
optimiser."""
import pytest
from mmengine.config import Config

from tests.helpers.configs import REPO

BASES = f'{REPO}/configs/_base_'
JITTER = dict(type='LetterboxJitter', scale=(600, 600), jitter=0.3, scale_range=(0.25, 2.0),
              fill=128, interpolation='bicubic')
SHORT_SIDE_600 = dict(type='Resize', scale=(100000, 600), keep_ratio=True,
                      interpolation='bicubic', backend='pillow')


def _steps(dataset):
    return [dict(step) for step in dataset.pipeline]


def _split(dataset):
    return dataset.ann_file.split('/')[-1]


def _no_difficult_and_no_filter(dataset):
    return dataset.drop_difficult is True and \
        dict(dataset.filter_cfg) == dict(filter_empty_gt=False, min_size=0)


@pytest.mark.parametrize('name,train_split,batch,eval_split', [
    ('voc07_letterbox600-jitter', 'train.txt', 4, 'val.txt'),
    ('voc07trainval_letterbox600-jitter', 'trainval.txt', 2, 'test.txt')])
def test_data_bases(name, train_split, batch, eval_split):
    cfg = Config.fromfile(f'{BASES}/datasets/{name}.py')
    train = cfg.train_dataloader
    assert (train.batch_size, train.drop_last, train.sampler.shuffle) == (batch, True, True)
    assert _split(train.dataset) == train_split and _no_difficult_and_no_filter(train.dataset)
    assert [s['type'] for s in _steps(train.dataset)] == [
        'LoadImageFromFile', 'LoadAnnotations', 'LetterboxJitter', 'RandomFlip',
        'HSVRandomAug', 'PackDetInputs']
    assert _steps(train.dataset)[2] == JITTER
    assert _steps(train.dataset)[3] == dict(type='RandomFlip', prob=0.5)
    assert _steps(train.dataset)[4] == dict(type='HSVRandomAug', hue_delta=0.1,
                                            saturation_delta=0.7, value_delta=0.4)
    val = cfg.val_dataloader.dataset
    assert _split(val) == eval_split and _no_difficult_and_no_filter(val) and val.test_mode
    assert _steps(val)[1] == SHORT_SIDE_600
    loss_loader = cfg.val_loss_dataloader
    assert (loss_loader.batch_size, loss_loader.drop_last) == (batch, True)
    assert not loss_loader.sampler.shuffle
    assert _split(loss_loader.dataset) == eval_split
    assert _no_difficult_and_no_filter(loss_loader.dataset)
    assert [s['type'] for s in _steps(loss_loader.dataset)] == [
        'LoadImageFromFile', 'LoadAnnotations', 'Letterbox', 'PackDetInputs']
    assert dict(cfg.val_evaluator) == dict(type='VOCMetricWithTable', metric='mAP',
                                           eval_mode='area', prefix='pascal_voc_area')


def test_000b_tests_on_voc07_test_with_difficult_ignored():
    test = Config.fromfile(f'{BASES}/datasets/voc07_letterbox600-jitter.py').test_dataloader
    assert _split(test.dataset) == 'test.txt'
    assert not test.dataset.get('drop_difficult') and test.dataset.test_mode


def test_001b_tests_on_voc07_test_with_difficult_deleted():
    cfg = Config.fromfile(f'{BASES}/datasets/voc07trainval_letterbox600-jitter.py')
    assert cfg.test_dataloader.dataset == cfg.val_dataloader.dataset


@pytest.mark.parametrize('name,epochs,optimizer', [
    ('det_adam-warmcos_15e', 15, dict(type='Adam', lr=1e-4, betas=(0.9, 0.999), eps=1e-8,
                                      weight_decay=0)),
    ('det_sgd-nesterov-warmcos_100e', 100, dict(type='SGD', lr=1.25e-3, momentum=0.9,
                                                nesterov=True, weight_decay=0))])
def test_schedule_bases(name, epochs, optimizer):
    cfg = Config.fromfile(f'{BASES}/schedules/{name}.py')
    assert cfg.train_cfg.max_epochs == epochs and cfg.train_cfg.val_interval == 5
    assert dict(cfg.optim_wrapper.optimizer) == optimizer
    assert cfg.optim_wrapper.clip_grad is None
