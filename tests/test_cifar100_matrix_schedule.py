"""The CIFAR-100 matrix (configs/cifar100/, report 000 / 000-A): every faithful config's lr
per epoch and its data, validation and optimiser settings, dry-run from the configs.

Schedule of report 000 (configs/cifar100/README.md): epoch 1 warms up linearly per
iteration from ~0 to 0.1 (reached at its last iteration); 0.1 in epochs 2-50, 0.02 in
51-100, 0.004 in 101-150, 0.0008 in 151-200. 45,000 training images at batch 128 = 352
iterations per epoch (last one 72).
"""
import glob
import math
import os.path as osp

import pytest
from mmengine.config import Config

from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_iteration

MODERN_VARIANTS = {'resnet18-mmpretrain_1xb128_cifar100.py'}
FAITHFUL = sorted(p for p in glob.glob(osp.join(REPO, 'configs/cifar100/*.py'))
                  if osp.basename(p) not in MODERN_VARIANTS)
ITERS_PER_EPOCH = math.ceil((50_000 - 5_000) / 128)


def spec_lr(epoch: int) -> float:
    """lr of (1-indexed) epochs 2-200."""
    return 0.1 * 0.2 ** ((epoch - 1) // 50)


def _schedule_key(cfg):
    return repr((cfg.optim_wrapper.optimizer, cfg.param_scheduler, cfg.train_cfg))


@pytest.fixture(scope='module')
def configs():
    return {osp.basename(p): Config.fromfile(p) for p in FAITHFUL}


@pytest.fixture(scope='module')
def lrs_by_schedule(configs):
    """One dry run per distinct schedule (identical schedules give identical lrs)."""
    runs = {}
    for cfg in configs.values():
        key = _schedule_key(cfg)
        if key not in runs:
            runs[key] = lr_per_iteration(cfg, ITERS_PER_EPOCH)
    return runs


def test_the_matrix_has_24_faithful_configs():
    assert ITERS_PER_EPOCH == 352 and 45_000 - 351 * 128 == 72
    names = {osp.basename(p) for p in FAITHFUL}
    assert len(names) == 24
    for model in ('vgg16-bn', 'resnet18', 'mobilenet-v2'):
        assert f'{model}_1xb128_cifar100.py' in names
        assert f'{model}_1xb128-cutout-k8_cifar100.py' in names
        for method in ('mixup', 'cutmix'):
            for alpha in ('0.2', '0.4', '0.6'):
                assert f'{model}_1xb128-{method}-a{alpha}_cifar100.py' in names


@pytest.mark.parametrize('name', [osp.basename(p) for p in FAITHFUL])
def test_lr_of_every_epoch_matches_the_spec(name, configs, lrs_by_schedule):
    cfg = configs[name]
    lrs = lrs_by_schedule[_schedule_key(cfg)]
    assert len(lrs) == 200 and cfg.train_cfg.max_epochs == 200
    warm_up = lrs[0]
    for k in (0, 175, 351):  # the report: 0.1 k / 352; LinearLR reaches 0.1 at k = 351
        assert warm_up[k] == pytest.approx(0.1 * (1e-4 + (1 - 1e-4) * k / 351))
        assert abs(warm_up[k] - 0.1 * k / 352) <= 0.1 / 352 + 1e-12  # within one step
    assert warm_up[0] <= 1e-4 and warm_up[351] == pytest.approx(0.1)
    for epoch in range(2, 201):
        assert lrs[epoch - 1][0] == pytest.approx(spec_lr(epoch), rel=1e-9), epoch
        assert lrs[epoch - 1][-1] == pytest.approx(spec_lr(epoch), rel=1e-9), epoch
    assert [spec_lr(e) for e in (2, 50, 51, 100, 101, 150, 151, 200)] == pytest.approx(
        [0.1, 0.1, 0.02, 0.02, 0.004, 0.004, 0.0008, 0.0008])


@pytest.mark.parametrize('name', [osp.basename(p) for p in FAITHFUL])
def test_data_validation_and_optimiser_settings(name, configs):
    cfg = configs[name]
    assert cfg.optim_wrapper.optimizer == dict(type='SGD', lr=0.1, momentum=0.9,
                                               weight_decay=5e-4)
    assert cfg.train_cfg.val_interval == 2
    assert cfg.default_hooks.checkpoint.save_best == 'auto'  # val top-1, the first metric
    assert cfg.default_hooks.checkpoint.rule == 'greater'
    assert cfg.val_evaluator == dict(type='Accuracy', topk=(1, 5))
    pre = cfg.model.get('data_preprocessor', cfg.get('data_preprocessor'))
    assert (pre.type, pre.crop_padding, pre.flip_prob, pre.rotate_degrees) == (
        'CIFARBatchPreprocessor', 4, 0.5, 15)
    for loader, split in [('train_dataloader', 'train'), ('val_dataloader', 'val'),
                          ('test_dataloader', 'test')]:
        loader = cfg[loader]
        assert loader.batch_size == 128 and not loader.get('drop_last', False)
        dataset = loader.dataset
        assert (dataset.split, dataset.variant, dataset.label_type) == (split, 'cifar100', 'fine')
        assert dataset.split_mode == 'last' and dataset.val_fraction == 0.1
        assert dataset.pipeline == []  # validation/test: normalisation only
    assert cfg.train_dataloader.sampler.shuffle
    augments = cfg.model.get('train_cfg', {}).get('augments')
    method = name.split('_')[1].partition('-')[2]  # '', 'mixup-a0.4', 'cutout-k8', ...
    if not method:
        assert augments is None
    elif method == 'cutout-k8':
        assert augments == dict(type='BatchCutout', size=8)
    else:
        kind, alpha = method.split('-a')
        expected = {'mixup': 'BatchMixup', 'cutmix': 'ExactSizeCutMix'}[kind]
        assert augments == dict(type=expected, alpha=float(alpha))
