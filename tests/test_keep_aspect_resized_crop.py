"""KeepAspectRandomResizedCrop: torchvision's crop draw, then the crop rescaled with its
aspect ratio kept (longer side = output side) and centred on a padded square."""
import numpy as np
import pytest
from mmpretrain.registry import TRANSFORMS

import custom_modules  # noqa: F401


def _crop(**kwargs):
    return TRANSFORMS.build(dict(type='KeepAspectRandomResizedCrop', scale=32, **kwargs))


def test_tall_crop_is_rescaled_without_stretching_and_centred():
    # area 0.25 x 32 x 32 = 256 at aspect w/h 3/4: a 14 (w) x 18 (h) crop, scaled by 32/18
    # to 25 x 32, padded 3 columns left and 4 right
    crop = _crop(crop_ratio_range=(0.25, 0.25), aspect_ratio_range=(0.75, 0.75))
    img = np.full((32, 32, 3), 200, np.uint8)
    out = crop(dict(img=img))['img']
    assert out.shape == (32, 32, 3) and out.dtype == np.uint8
    filled = np.flatnonzero(out[0, :, 0])
    assert (filled[0], filled[-1]) == (3, 27)
    assert (out[:, 3:28] == 200).all() and (out[:, :3] == 0).all() and (out[:, 28:] == 0).all()


def test_wide_crop_is_padded_above_and_below_with_pad_val():
    crop = _crop(crop_ratio_range=(0.25, 0.25), aspect_ratio_range=(4 / 3, 4 / 3), pad_val=7)
    out = crop(dict(img=np.full((32, 32, 3), 90, np.uint8)))['img']
    rows = np.flatnonzero(out[:, 0, 0] == 90)
    assert (rows[0], rows[-1]) == (3, 27)  # 18 x 14 -> 32 x 25
    assert (out[:3] == 7).all() and (out[28:] == 7).all()


@pytest.mark.parametrize('seed', range(5))
def test_random_crops_fill_one_full_side(seed):
    np.random.seed(seed)
    crop = _crop(crop_ratio_range=(0.1, 1.0))
    for _ in range(20):
        out = crop(dict(img=np.full((32, 32, 3), 255, np.uint8)))['img']
        rows, cols = np.nonzero(out[..., 0])
        height, width = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
        assert max(height, width) == 32 and min(height, width) >= 32 * 0.75 * 0.5
        # centred: the padding on the two sides differs by at most one pixel
        assert abs(rows.min() - (31 - rows.max())) <= 1 and abs(cols.min() - (31 - cols.max())) <= 1


def test_crop_content_is_the_chosen_region():
    # the full-image crop (area 1, aspect 1) returns the image unchanged
    img = np.random.RandomState(0).randint(0, 256, (32, 32, 3)).astype(np.uint8)
    crop = _crop(crop_ratio_range=(1.0, 1.0), aspect_ratio_range=(1.0, 1.0))
    assert np.array_equal(crop(dict(img=img))['img'], img)
