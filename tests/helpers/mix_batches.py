"""Batches for the Mixup/CutMix tests: image k is the constant k (label k), so a pixel's value
says which image it came from."""
import pytest
import torch


def constant_images(n=16, size=32):
    """``(images, one-hot scores)``: n constant 3 x size x size images, image k all k."""
    images = torch.arange(n, dtype=torch.float32).view(n, 1, 1, 1).expand(n, 3, size, size).clone()
    return images, torch.eye(n)


def assert_cutmix_weights_are_pasted_areas(mixed, mixed_scores):
    """Every image of a CutMix batch of :func:`constant_images` holds at most one pasted
    rectangle from one partner j, and its label weights are the pasted fraction for j and
    the rest for itself."""
    assert torch.allclose(mixed_scores.sum(1), torch.ones(len(mixed)))
    for i in range(len(mixed)):
        others = mixed[i, 0] != i
        if not others.any():
            continue  # paired with itself or an empty box
        j = int(mixed[i, 0][others][0])
        pasted_fraction = others.float().mean()
        assert torch.all(mixed[i, 0][others] == j)
        assert mixed_scores[i, j] == pytest.approx(float(pasted_fraction), abs=1e-6)
        assert mixed_scores[i, i] == pytest.approx(1 - float(pasted_fraction), abs=1e-6)
        rows, cols = others.any(1).nonzero()[:, 0], others.any(0).nonzero()[:, 0]
        assert others.sum() == len(rows) * len(cols)  # one rectangle
