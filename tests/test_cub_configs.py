"""CUB configs (report 002-A): transforms, constant schedule, evaluation and checkpoint policy."""
import glob
import os.path as osp

import mmpretrain.datasets.transforms.auto_augment as auto_augment
import numpy as np
import pytest
from mmengine.config import Config
from mmpretrain.registry import TRANSFORMS
from PIL import Image

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch, lr_per_iteration

CONFIGS = sorted(glob.glob(osp.join(REPO, 'configs/cub/*.py')))
RESNET_SCRATCH = osp.join(REPO, 'configs/cub/resnet18_1xb32-scratch_cub200.py')


def _pipeline(cfg, loader):
    return [TRANSFORMS.build(step) for step in cfg[loader].dataset.pipeline]


def _run(transforms, results):
    for transform in transforms:
        results = transform(results)
    return results


def _two_colour_image(path, width=90, height=30):
    """Left third red, right third blue, middle grey (RGB on disk)."""
    image = np.full((height, width, 3), 128, np.uint8)
    image[:, :width // 3] = (255, 0, 0)
    image[:, -(width // 3):] = (0, 0, 255)
    Image.fromarray(image).save(path)
    return str(path)


@pytest.mark.parametrize('config', CONFIGS, ids=osp.basename)
def test_shared_data_schedule_and_evaluation(config):
    cfg = Config.fromfile(config)
    steps = [s.type for s in cfg.train_dataloader.dataset.pipeline]
    assert steps == ['LoadImageFromFile', 'RandomFlip', 'Rotate', 'Resize', 'PackInputs']
    assert [s.type for s in cfg.test_dataloader.dataset.pipeline] == \
        ['LoadImageFromFile', 'Resize', 'PackInputs']
    assert cfg.train_dataloader.dataset.split == 'train'
    assert cfg.val_dataloader.dataset.split == 'test'  # the official test split validates
    assert cfg.train_dataloader.batch_size == cfg.val_dataloader.batch_size == 32
    assert cfg.data_preprocessor.mean == [123.675, 116.28, 103.53]
    assert cfg.data_preprocessor.std == [58.395, 57.12, 57.375] and cfg.data_preprocessor.to_rgb
    assert cfg.train_cfg.max_epochs == 20 and cfg.train_cfg.val_interval == 1
    assert cfg.param_scheduler is None
    assert lr_per_epoch(cfg, iters_per_epoch=188) == [0.02] * 20
    assert {lr for epoch in lr_per_iteration(cfg, 188, epochs=2) for lr in epoch} == {0.02}
    assert cfg.model.head.cal_acc  # training accuracy per iteration
    # the last epoch is the reported model: no best_*.pth, so tests use last_checkpoint
    assert cfg.default_hooks.checkpoint.save_best is None


def test_training_image_is_squashed_whole_to_224(tmp_path):
    cfg = Config.fromfile(RESNET_SCRATCH)
    path = _two_colour_image(tmp_path / 'bird.png')
    for loader in ('train_dataloader', 'test_dataloader'):
        steps = _pipeline(cfg, loader)
        resized = _run(steps[:-1], dict(img_path=path))['img']  # BGR, before packing
        assert resized.shape == (224, 224, 3), loader
        middle_row = resized[112]
        # both ends of the 3:1 image survive (no crop); red/blue swap under a flip
        assert {tuple(middle_row[2]), tuple(middle_row[-3])} == {(0, 0, 255), (255, 0, 0)}, loader
        packed = _run(steps, dict(img_path=path))['inputs']
        assert tuple(packed.shape) == (3, 224, 224)


def test_rotation_keeps_size_uses_nearest_and_black_fill():
    cfg = Config.fromfile(RESNET_SCRATCH)
    rotate = _pipeline(cfg, 'train_dataloader')[2]
    image = np.full((40, 60, 3), 200, np.uint8)
    image[:, :30] = 100
    np.random.seed(1)
    for _ in range(3):
        out = rotate(dict(img=image.copy()))['img']
        assert out.shape == image.shape
        assert set(np.unique(out)) <= {0, 100, 200}  # nearest: no blended values
        assert (out == 0).any()  # the corners rotated in are black


def test_rotation_angle_is_uniform_in_plus_minus_15(monkeypatch):
    cfg = Config.fromfile(RESNET_SCRATCH)
    rotate = _pipeline(cfg, 'train_dataloader')[2]
    angles = []
    monkeypatch.setattr(auto_augment.mmcv, 'imrotate',
                        lambda img, angle, **kwargs: angles.append(angle) or img)
    np.random.seed(0)
    image = np.zeros((4, 4, 3), np.uint8)
    for _ in range(6000):
        rotate(dict(img=image))
    angles = np.array(angles)
    assert len(angles) == 6000  # every image is rotated (prob 1)
    assert angles.min() >= -15 and angles.max() <= 15
    assert angles.min() < -14.9 and angles.max() > 14.9
    counts, _ = np.histogram(angles, bins=6, range=(-15, 15))
    assert np.all(np.abs(counts - 1000) < 120), counts  # flat (binomial sd ~ 29)
