"""HSVRandomAug: OpenCV 8-bit HSV (H 0-179) multiplied by random gains through lookup tables."""
import numpy as np
import pytest

from custom_modules.plugins.transforms import HSVRandomAug
from custom_modules.plugins.transforms.hsv_random_aug import hsv_lookup_tables


def test_lookup_tables_wrap_hue_and_clip_saturation_and_value():
    hue, sat, val = hsv_lookup_tables([1.1, 1.5, 0.5])
    assert hue[170] == 7      # 187 mod 180
    assert hue[100] == 110
    assert sat[100] == 150 and sat[200] == 255  # 300 clipped
    assert val[201] == 100    # 100.5 truncated


def test_pixel_by_hand(monkeypatch):
    # BGR (50, 100, 200): V = 200, S = 150/200 * 255 = 191.25 -> 191,
    # H = 60 * (100 - 50) / 150 = 20 degrees -> 10. u = (0.5, -0.5, 0.25) with deltas
    # (0.1, 0.7, 0.4): gains (1.05, 0.65, 1.1) -> H int(10.5) = 10, S int(124.15) = 124,
    # V 220. Back: C = 220 * 124/255 = 106.98, min = 113.02, R = 220,
    # G = min + C * 20/60 = 148.68, B = 113.02 -> (113, 149, 220)
    monkeypatch.setattr(np.random, 'uniform', lambda low, high, size: np.array([0.5, -0.5, 0.25]))
    img = np.empty((2, 3, 3), np.uint8)
    img[...] = (50, 100, 200)
    out = HSVRandomAug(hue_delta=0.1, saturation_delta=0.7, value_delta=0.4).transform(
        dict(img=img))['img']
    assert out.dtype == np.uint8 and out.shape == (2, 3, 3)
    assert np.abs(out.astype(int) - (113, 149, 220)).max() <= 1


def test_unit_gains_keep_the_image_and_boxes(monkeypatch):
    monkeypatch.setattr(np.random, 'uniform', lambda low, high, size: np.zeros(3))
    img = np.full((4, 4, 3), (30, 90, 160), np.uint8)
    results = HSVRandomAug().transform(dict(img=img.copy(), gt_bboxes='unchanged'))
    assert np.abs(results['img'].astype(int) - img).max() <= 2  # HSV round trip
    assert results['gt_bboxes'] == 'unchanged'


def test_float_image_is_refused():
    with pytest.raises(TypeError, match='BGR uint8'):
        HSVRandomAug().transform(dict(img=np.zeros((4, 4, 3), np.float32)))
