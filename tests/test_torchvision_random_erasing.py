"""TorchvisionRandomErasing: torchvision's rectangle draws (reject, retry, give up), the
fill value exact in a float32 image."""
import numpy as np
import torch
from mmpretrain.registry import MODELS, TRANSFORMS

import custom_modules  # noqa: F401


def _erase(**kwargs):
    return TRANSFORMS.build(dict(type='TorchvisionRandomErasing', **kwargs))


def test_erased_rectangle_holds_the_exact_fill_and_zero_after_normalisation():
    np.random.seed(3)
    erase = _erase(erase_prob=1.0, fill_color=127.5)
    for _ in range(20):
        out = erase(dict(img=np.full((32, 32, 3), 200, np.uint8)))['img']
        assert out.dtype == np.float32 and out.shape == (32, 32, 3)
        rows, cols = np.nonzero(out[..., 0] == 127.5)
        assert len(rows) == (rows.max() - rows.min() + 1) * (cols.max() - cols.min() + 1)
        assert 0.015 * 1024 <= len(rows) <= 0.36 * 1024  # 0.02-0.33 of the area, rounded sides
        assert rows.max() - rows.min() + 1 < 32 and cols.max() - cols.min() + 1 < 32
        assert set(np.unique(out)) == {127.5, 200.0}
    preprocessor = MODELS.build(dict(type='ClsDataPreprocessor', mean=[127.5] * 3,
                                     std=[127.5] * 3))
    batch = preprocessor(dict(inputs=[torch.from_numpy(out).permute(2, 0, 1)]))['inputs']
    assert (batch[0, :, rows, cols] == 0).all()


def test_a_rectangle_that_cannot_fit_is_not_erased():
    # every draw covers the whole area, so one side is >= 32: torchvision gives up after
    # its attempts (mmpretrain's RandomErasing would clamp and erase the whole image)
    erase = _erase(erase_prob=1.0, min_area_ratio=1.0, max_area_ratio=1.0)
    img = np.full((32, 32, 3), 200, np.uint8)
    out = erase(dict(img=img))['img']
    assert out.dtype == np.float32 and (out == 200).all()


def test_probability_zero_only_converts_to_float():
    img = np.random.RandomState(0).randint(0, 256, (8, 8, 3)).astype(np.uint8)
    out = _erase(erase_prob=0.0)(dict(img=img))['img']
    assert out.dtype == np.float32 and np.array_equal(out, img.astype(np.float32))


def test_erasing_rate_follows_the_probability():
    np.random.seed(0)
    erase = _erase(erase_prob=0.25)
    erased = sum((erase(dict(img=np.full((32, 32, 3), 200, np.uint8)))['img'] != 200).any()
                 for _ in range(400))
    assert 70 <= erased <= 130  # 100 expected (a few draws may fail to fit)
