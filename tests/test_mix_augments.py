"""Mixup (mmpretrain's and this repo's BatchMixup) and CutMix implement the experiments' maths.

Each image i is constant with value i and has a one-hot label i, so a mixed
image's pixel values reveal exactly how much of each source image it holds.
"""
import numpy as np
import pytest
import torch
from mmpretrain.models.utils.batch_augments import CutMix, Mixup

from tests.helpers.mix_batches import assert_cutmix_weights_are_pasted_areas, constant_images


@pytest.mark.parametrize('seed', range(5))
def test_mixup_mixes_images_and_labels_with_the_same_lambda(seed):
    np.random.seed(seed), torch.manual_seed(seed)
    images, scores = constant_images()
    mixed, mixed_scores = Mixup(alpha=0.4)(images, scores)
    assert torch.allclose(mixed_scores.sum(1), torch.ones(16))
    expected = mixed_scores @ torch.arange(16, dtype=torch.float32)  # sum_k w_k * k
    assert torch.allclose(mixed[:, 0, 0, 0], expected, atol=1e-5)
    assert torch.allclose(mixed, mixed[:, :1, :1, :1].expand_as(mixed))  # still constant images


@pytest.mark.parametrize('seed', range(40))
def test_cutmix_label_weight_is_the_pasted_area_even_when_clipped(seed):
    np.random.seed(seed), torch.manual_seed(seed)
    images, scores = constant_images()
    mixed, mixed_scores = CutMix(alpha=1.0)(images, scores)
    assert_cutmix_weights_are_pasted_areas(mixed, mixed_scores)


def test_cutmix_box_side_is_floor_sqrt_one_minus_lambda_times_size(monkeypatch):
    monkeypatch.setattr(np.random, 'beta', lambda a, b: 0.75)  # sqrt(0.25) * 32 = 16
    # the box's centre: no clipping
    monkeypatch.setattr(np.random, 'randint', lambda low, high, size=None: 16)
    images, scores = constant_images()
    mixed, mixed_scores = CutMix(alpha=1.0)(images, scores)
    assert all(mixed_scores[i, i] == 0.75 or mixed_scores[i, i] == 1.0 for i in range(16))
    changed = [(mixed[i, 0] != i).sum() for i in range(16) if (mixed[i, 0] != i).any()]
    assert changed and all(c == 16 * 16 for c in changed)


@pytest.mark.parametrize('seed', range(5))
def test_batch_mixup_mixes_images_and_labels_with_the_same_lambda(seed):
    from custom_modules.plugins.models import BatchMixup
    np.random.seed(seed), torch.manual_seed(seed)
    images, scores = constant_images()
    mixed, mixed_scores = BatchMixup(alpha=0.4)(images, scores.long())
    assert mixed_scores.dtype == torch.float32
    assert torch.allclose(mixed_scores.sum(1), torch.ones(16))
    assert ((mixed_scores > 0).sum(1) <= 2).all()  # each image mixes at most two sources
    expected = mixed_scores @ torch.arange(16, dtype=torch.float32)
    assert torch.allclose(mixed[:, 0, 0, 0], expected, atol=1e-4)
    assert torch.allclose(mixed, mixed[:, :1, :1, :1].expand_as(mixed))
