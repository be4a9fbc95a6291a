"""ExactSizeCutMix: box side floor(sqrt(1 - lambda) * 32), label weight = clipped pasted area.

Image i of the batch is constant with value i and has the one-hot label i, so the
pixels of a mixed image show exactly which partner was pasted where.
"""
import numpy as np
import pytest
import torch
from mmpretrain.models.utils.batch_augments import CutMix

import custom_modules  # noqa: F401
from custom_modules.plugins.models import ExactSizeCutMix
from tests.helpers.mix_batches import assert_cutmix_weights_are_pasted_areas, constant_images


def _pasted(mixed, i):
    return mixed[i, 0] != i


@pytest.mark.parametrize('centre,rows', [(16, (8, 25)), (0, (0, 9)), (31, (23, 32))])
def test_odd_nominal_side_is_kept_and_clipped_at_the_border(monkeypatch, centre, rows):
    lam = 0.7  # sqrt(0.3) * 32 = 17.5 -> side 17 (mmpretrain's CutMix: 16)
    monkeypatch.setattr(np.random, 'beta', lambda a, b: lam)
    monkeypatch.setattr(np.random, 'randint', lambda low, high, size=None: centre)
    torch.manual_seed(0)
    images, scores = constant_images()
    mixed, mixed_scores = ExactSizeCutMix(alpha=1.0)(images, scores)
    side = rows[1] - rows[0]
    box = torch.zeros(32, 32, dtype=torch.bool)
    box[rows[0]:rows[1], rows[0]:rows[1]] = True  # same centre on both axes
    partners = [i for i in range(16) if _pasted(mixed, i).any()]
    assert partners  # some images got another image's box
    for i in partners:
        assert torch.equal(_pasted(mixed, i), box)
        j = int(mixed[i, 0, rows[0], rows[0]])
        assert mixed_scores[i, j] == pytest.approx(side * side / 1024)
        assert mixed_scores[i, i] == pytest.approx(1 - side * side / 1024)


def test_stock_cutmix_is_one_pixel_short_for_odd_sides(monkeypatch):
    monkeypatch.setattr(np.random, 'beta', lambda a, b: 0.7)
    monkeypatch.setattr(np.random, 'randint', lambda low, high, size=None: 16)
    torch.manual_seed(0)
    images, scores = constant_images()
    stock, _ = CutMix(alpha=1.0)(images.clone(), scores)
    torch.manual_seed(0)
    exact, _ = ExactSizeCutMix(alpha=1.0)(images.clone(), scores)
    i = next(i for i in range(16) if _pasted(exact, i).any())
    assert int(_pasted(stock, i).sum()) == 16 * 16 and int(_pasted(exact, i).sum()) == 17 * 17


@pytest.mark.parametrize('seed', range(20))
def test_label_weight_is_the_pasted_area(seed):
    np.random.seed(seed), torch.manual_seed(seed)
    images, scores = constant_images()
    mixed, mixed_scores = ExactSizeCutMix(alpha=0.4)(images, scores)
    boxes = {tuple(_pasted(mixed, i).flatten().tolist()) for i in range(16)
             if _pasted(mixed, i).any()}
    assert len(boxes) <= 1  # one box for the whole batch
    assert_cutmix_weights_are_pasted_areas(mixed, mixed_scores)
