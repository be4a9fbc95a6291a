"""TorchvisionColorJitter: torchvision's ColorJitter on BGR uint8 images, in BGR order."""
import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.transforms import ColorJitter

import custom_modules  # noqa: F401  (registers the transform)
from custom_modules.plugins.transforms import TorchvisionColorJitter

RED_BGR, OTHER_BGR = [0, 0, 255], [50, 200, 100]


def image():
    return np.array([[RED_BGR, OTHER_BGR]], dtype=np.uint8)


def test_fixed_brightness_halves_every_channel():
    out = TorchvisionColorJitter(brightness=(0.5, 0.5))(dict(img=image()))['img']
    assert out.tolist() == [[[0, 0, 127], [25, 100, 50]]]


@pytest.mark.parametrize('hue, expected_bgr', [
    (0.5, [255, 255, 0]),     # red -> cyan (hue + 180 degrees)
    (-1 / 3, [255, 0, 0]),    # red -> blue (hue - 120 degrees; a negative shift works)
])
def test_hue_shift_rotates_red(hue, expected_bgr):
    out = TorchvisionColorJitter(hue=(hue, hue))(dict(img=image()))['img']
    np.testing.assert_allclose(out[0, 0], expected_bgr, atol=8)  # PIL's 8-bit hue steps


def test_no_jitter_leaves_the_image():
    img = image()
    out = TorchvisionColorJitter()(dict(img=img.copy()))['img']
    assert out.dtype == np.uint8 and out.flags['C_CONTIGUOUS']
    np.testing.assert_array_equal(out, img)


def test_same_draws_as_torchvision_on_the_rgb_image():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(6, 8, 3), dtype=np.uint8)
    for seed in range(5):
        torch.manual_seed(seed)
        ours = TorchvisionColorJitter(0.1, 0.1, 0.1, 0.1)(dict(img=img.copy()))['img']
        torch.manual_seed(seed)
        theirs = np.asarray(ColorJitter(0.1, 0.1, 0.1, 0.1)(Image.fromarray(img[..., ::-1].copy())))
        np.testing.assert_array_equal(ours, theirs[..., ::-1])


def test_rejects_float_images():
    with pytest.raises(ValueError, match='uint8'):
        TorchvisionColorJitter(brightness=0.1)(dict(img=image().astype(np.float32)))
