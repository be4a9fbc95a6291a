"""CIFARBatchPreprocessor: batched zero-padded random crop, flip, rotation and resize."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import custom_modules  # noqa: F401
from custom_modules.plugins.models import CIFARBatchPreprocessor
from custom_modules.plugins.models.cifar_batch_preprocessor import (
    draw_angles,
    random_crop_with_padding,
    random_horizontal_flip,
    random_rotation,
    rotate_nearest,
)


def _rotated_by_hand(image: np.ndarray, degrees: float):
    """(h, w, c) image rotated counter-clockwise about its centre, nearest, zero fill, in
    float64 Python: each output pixel centre maps back to the source pixel containing it.
    Also returns a mask of the pixels whose source position lies within 1e-4 of a pixel
    border (where float32 rounding may pick the neighbour)."""
    h, w, _ = image.shape
    t = math.radians(degrees)
    out, near_border = np.zeros_like(image), np.zeros((h, w), bool)
    for y in range(h):
        for x in range(w):
            dx, dy = x - (w - 1) / 2, y - (h - 1) / 2
            fx = math.cos(t) * dx - math.sin(t) * dy + w / 2
            fy = math.sin(t) * dx + math.cos(t) * dy + h / 2
            near_border[y, x] = min(abs(fx - round(fx)), abs(fy - round(fy))) < 1e-4
            if 0 <= fx < w and 0 <= fy < h:
                out[y, x] = image[int(fy), int(fx)]
    return out, near_border


def test_rotation_by_a_known_angle_moves_pixels_where_the_rotation_puts_them():
    torch.manual_seed(0)
    images = torch.randint(1, 255, (3, 3, 32, 32), dtype=torch.uint8)
    angles = torch.tensor([7.3, -12.9, 15.0])
    rotated = rotate_nearest(images, angles)
    assert rotated.dtype == torch.uint8 and rotated.shape == images.shape
    for image, angle, out in zip(images, angles, rotated):
        expected, near_border = _rotated_by_hand(image.permute(1, 2, 0).numpy(), float(angle))
        same = (out.permute(1, 2, 0).numpy() == expected).all(-1)
        assert (same | near_border).all() and near_border.sum() < 5
        assert (out == 0).any()  # corners are filled with zeros
    # a quarter turn counter-clockwise is exactly rot90; 0 degrees is the identity
    quarter = rotate_nearest(images, torch.tensor([90.0, -90.0, 0.0]))
    assert torch.equal(quarter[0], torch.rot90(images[0], 1, (1, 2)))
    assert torch.equal(quarter[1], torch.rot90(images[1], -1, (1, 2)))
    assert torch.equal(quarter[2], images[2])
    wide = torch.arange(1, 41, dtype=torch.float32).view(1, 1, 4, 10)
    assert torch.equal(rotate_nearest(wide, torch.tensor([180.0])), wide.flip(-1, -2))


def test_rotation_matches_pil_rotate_nearest():
    """torchvision's RandomRotation on PIL images calls Image.rotate (counter-clockwise)."""
    torch.manual_seed(1)
    images = torch.randint(1, 255, (20, 3, 32, 32), dtype=torch.uint8)
    angles = draw_angles(20, 15)
    rotated = rotate_nearest(images, angles)
    differing = 0
    for image, angle, out in zip(images, angles, rotated):
        pil = Image.fromarray(image.permute(1, 2, 0).numpy()).rotate(
            float(angle), resample=Image.NEAREST, fillcolor=0)
        differing += int((np.asarray(pil) != out.permute(1, 2, 0).numpy()).any(-1).sum())
    assert differing <= 20 * 32 * 32 // 1000  # PIL's fixed-point maths at pixel borders


def test_each_image_draws_its_own_angle_within_the_range():
    torch.manual_seed(2)
    angles = draw_angles(4000, 15)
    assert angles.abs().max() <= 15 and angles.min() < -14.5 and angles.max() > 14.5
    assert abs(float(angles.mean())) < 0.5 and len(set(angles.tolist())) > 3990
    images = torch.randint(1, 255, (16, 3, 32, 32), dtype=torch.uint8)
    torch.manual_seed(3)
    drawn = draw_angles(16, 15)
    torch.manual_seed(3)
    assert torch.equal(random_rotation(images, 15), rotate_nearest(images, drawn))
    assert random_rotation(images, 0) is images


def test_each_crop_is_a_shift_of_the_zero_padded_image():
    torch.manual_seed(0)
    images = torch.randint(1, 255, (64, 3, 8, 8), dtype=torch.uint8)
    crops = random_crop_with_padding(images, padding=2)
    padded = F.pad(images, (2, 2, 2, 2))
    offsets = set()
    for image, crop in zip(padded, crops):
        matches = [(dy, dx) for dy in range(5) for dx in range(5)
                   if torch.equal(image[:, dy:dy + 8, dx:dx + 8], crop)]
        assert matches, 'a crop is not a window of the padded image'
        offsets.add(matches[0])
    assert len(offsets) > 10  # offsets are drawn per image


def test_flip_flips_about_half_of_the_images():
    torch.manual_seed(0)
    images = torch.rand(1000, 1, 2, 3)
    flipped = random_horizontal_flip(images, 0.5)
    was_flipped = torch.tensor([torch.equal(a, b.flip(-1)) for a, b in zip(flipped, images)])
    kept = torch.tensor([torch.equal(a, b) for a, b in zip(flipped, images)])
    assert torch.all(was_flipped | kept)
    assert 400 < int(was_flipped.sum()) < 600


def test_training_augments_and_resizes_testing_only_resizes():
    pre = CIFARBatchPreprocessor(crop_padding=4, flip_prob=0.5, resize_to=56,
                                 mean=[0, 0, 0], std=[1, 1, 1], num_classes=10)
    images = [torch.randint(0, 255, (3, 32, 32), dtype=torch.uint8) for _ in range(8)]
    test_out = pre(dict(inputs=images), training=False)['inputs']
    expected = F.interpolate(torch.stack(images).float(), size=(56, 56), mode='bilinear',
                             align_corners=False)
    assert torch.allclose(test_out, expected)
    train_out = pre(dict(inputs=images), training=True)['inputs']
    assert train_out.shape == (8, 3, 56, 56) and not torch.allclose(train_out, expected)


def test_training_rotates_after_crop_and_flip_testing_does_not():
    pre = CIFARBatchPreprocessor(crop_padding=4, flip_prob=0.5, rotate_degrees=15,
                                 mean=[0, 0, 0], std=[1, 1, 1], num_classes=10)
    images = torch.randint(1, 255, (8, 3, 32, 32), dtype=torch.uint8)
    assert torch.equal(pre(dict(inputs=list(images)), training=False)['inputs'], images.float())
    torch.manual_seed(4)
    out = pre(dict(inputs=list(images)), training=True)['inputs']
    torch.manual_seed(4)
    expected = random_crop_with_padding(images, 4)
    expected = random_rotation(random_horizontal_flip(expected, 0.5), 15)
    assert torch.equal(out, expected.float())
