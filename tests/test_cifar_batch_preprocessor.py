"""CIFARBatchPreprocessor: batched zero-padded random crop, flip and resize."""
import torch
import torch.nn.functional as F

import custom_modules  # noqa: F401
from custom_modules.plugins.models import CIFARBatchPreprocessor
from custom_modules.plugins.models.cifar_batch_preprocessor import (
    random_crop_with_padding,
    random_horizontal_flip,
)


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
