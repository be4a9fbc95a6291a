"""BatchCutout: a k x k zero square per image, clipped at the border, labels untouched."""
import torch

import custom_modules  # noqa: F401
from custom_modules.plugins.models import BatchCutout


def test_exactly_k_squared_pixels_when_inside_and_clipped_at_border():
    torch.manual_seed(0)
    inputs = torch.ones(512, 3, 32, 32)
    scores = torch.eye(4).repeat(128, 1)
    out, out_scores = BatchCutout(size=8)(inputs, scores)
    assert torch.equal(out_scores, scores)
    zero = out[:, 0] == 0
    assert torch.equal(zero[:, None].expand_as(out), out == 0)  # same square in every channel
    inside = clipped = 0
    for mask in zero:
        rows, cols = mask.any(1).nonzero()[:, 0], mask.any(0).nonzero()[:, 0]
        height, width = rows.max() - rows.min() + 1, cols.max() - cols.min() + 1
        assert mask.sum() == height * width  # one solid rectangle
        if rows.min() > 0 and cols.min() > 0 and rows.max() < 31 and cols.max() < 31:
            assert mask.sum() == 64
            inside += 1
        else:
            assert mask.sum() <= 64
            clipped += mask.sum() < 64
    assert inside > 100 and clipped > 50  # both cases were exercised


def test_positions_differ_between_images():
    masks = BatchCutout(size=8).mask(64, 32, 32)
    assert len({tuple(m.flatten().nonzero()[:, 0].tolist()[:1]) for m in masks}) > 10
