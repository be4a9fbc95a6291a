"""BoxSafeRandomCrop: the acceptance rule, the crop itself and the window sampling."""
import numpy as np
import pytest
from mmdet.structures.bbox import HorizontalBoxes

import custom_modules  # noqa: F401  (registers the transform)
from custom_modules.plugins.transforms import BoxSafeRandomCrop


def sample(width=100, height=80, boxes=((10, 10, 30, 30), (60, 50, 90, 70)), labels=(3, 7)):
    img = np.arange(height * width * 3, dtype=np.int64).reshape(height, width, 3)
    return dict(img=img, img_shape=(height, width),
                gt_bboxes=HorizontalBoxes(np.array(boxes, dtype=np.float32).reshape(-1, 4)),
                gt_bboxes_labels=np.array(labels, dtype=np.int64),
                gt_ignore_flags=np.zeros(len(labels), dtype=bool))


BOX = np.array([[10, 10, 30, 30]], dtype=np.float32)  # area 400


@pytest.mark.parametrize('window, accepted', [
    ((0, 0, 27, 50), True),    # keeps 17 x 20 = 340 of 400 = 85 %
    ((0, 0, 23, 50), False),   # keeps 13 x 20 = 260 = 65 %
    ((0, 0, 24, 50), False),   # keeps exactly 70 %: not more than 70 %
    ((50, 50, 40, 30), True),  # does not overlap the box at all
    ((30, 0, 20, 20), True),   # touches its edge only (no area in common)
])
def test_acceptance_rule(window, accepted):
    assert BoxSafeRandomCrop().accepts(window, BOX) is accepted


def test_no_boxes_accept_any_window():
    assert BoxSafeRandomCrop().accepts((5, 5, 10, 10), np.zeros((0, 4)))


def test_crop_shifts_clips_and_drops_boxes(monkeypatch):
    """Window tries: one that cuts the first box to 65 % (rejected), then x=5, y=8, 50 x 40."""
    transform = BoxSafeRandomCrop()
    tries = iter([(0, 0, 23, 50), None, (5, 8, 50, 40)])
    monkeypatch.setattr(transform, 'random_window', lambda w, h: next(tries))
    data = sample(boxes=((10, 10, 30, 30), (60, 50, 90, 70), (6, 40, 60, 47)),
                  labels=(3, 7, 1))
    out = transform(data)
    assert out['img_shape'] == (40, 50)
    assert out['img'].shape == (40, 50, 3)
    assert out['img'][0, 0, 0] == (8 * 100 + 5) * 3  # pixel (x=5, y=8) of the original
    # box 1 shifted by (-5, -8); box 2 (x >= 60) lies outside and is dropped with its label;
    # box 3 keeps x 6..55 of 6..60 (49/54 = 91 %): shifted, then clipped at the window's right
    np.testing.assert_allclose(out['gt_bboxes'].numpy(), [[5, 2, 25, 22], [1, 32, 50, 39]])
    assert out['gt_bboxes_labels'].tolist() == [3, 1]
    assert out['gt_ignore_flags'].tolist() == [False, False]
    np.testing.assert_allclose(out['homography_matrix'], [[1, 0, -5], [0, 1, -8], [0, 0, 1]])


def test_box_cut_by_more_than_the_border_is_clipped():
    transform = BoxSafeRandomCrop()
    out = transform.crop(sample(boxes=((10, 10, 30, 30),), labels=(0,)), (12, 0, 40, 40))
    np.testing.assert_allclose(out['gt_bboxes'].numpy(), [[0, 10, 18, 30]])


def test_gives_up_after_max_attempts():
    """A box covering the image keeps at most half of its area in windows of <= 50 % area."""
    transform = BoxSafeRandomCrop(area_range=(0.2, 0.5))
    calls = []
    original = transform.random_window
    transform.random_window = lambda w, h: calls.append(1) or original(w, h)
    data = sample(boxes=((0, 0, 100, 80),), labels=(0,))
    out = transform(data)
    assert len(calls) == 10
    assert out['img'].shape == (80, 100, 3)
    np.testing.assert_allclose(out['gt_bboxes'].numpy(), [[0, 0, 100, 80]])


def test_prob_zero_leaves_the_sample():
    out = BoxSafeRandomCrop(prob=0.0)(sample())
    assert out['img'].shape == (80, 100, 3) and 'homography_matrix' not in out


def test_window_sampling_ranges():
    """Area 20..100 % (up to rounding), aspect within 3/4..4/3 either way, inside the image,
    both orientations drawn."""
    np.random.seed(0)
    transform = BoxSafeRandomCrop()
    windows = [transform.random_window(400, 300) for _ in range(400)]
    fitting = [w for w in windows if w is not None]
    assert 0 < len(fitting) < len(windows)  # large windows of the wrong shape do not fit
    for x, y, w, h in fitting:
        assert 0 <= x <= 400 - w and 0 <= y <= 300 - h
        assert 0.2 * 120000 * 0.99 <= w * h <= 120000
        assert 3 / 4 * 0.98 <= w / h <= 4 / 3 * 1.02
    assert any(w > h for _, _, w, h in fitting) and any(w < h for _, _, w, h in fitting)
