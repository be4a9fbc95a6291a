"""per_image_weights: 1 / (images x max(1, counted elements of the element's image))."""
import torch

from custom_modules.plugins.mmdet_models.per_image_norm import per_image_weights


def test_weights_by_hand():
    image = torch.tensor([0, 0, 0, 1, 2, 2])
    counted = torch.tensor([True, True, False, False, True, False])
    # image 0: 2 counted -> 1/(3*2); image 1: none -> 1/(3*1); image 2: 1 -> 1/(3*1)
    expected = torch.tensor([1 / 6, 1 / 6, 1 / 6, 1 / 3, 1 / 3, 1 / 3])
    assert torch.allclose(per_image_weights(image, counted, 3), expected)


def test_weighted_sum_is_the_mean_of_per_image_means():
    losses = torch.tensor([2.0, 4.0, 9.0])
    image = torch.tensor([0, 0, 1])
    weights = per_image_weights(image, torch.ones(3, dtype=torch.bool), 2)
    assert float((losses * weights).sum()) == (3.0 + 9.0) / 2
