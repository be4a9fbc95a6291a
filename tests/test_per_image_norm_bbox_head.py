"""PerImageNormBBoxHead: RoI box loss / positive RoIs and CE / sampled RoIs, per image, then the
mean over images (hand-computed example: two RoIs in one image, one in the other)."""
import math

import pytest
import torch
from mmdet.registry import MODELS

import custom_modules  # noqa: F401

HEAD = dict(with_avg_pool=True, roi_feat_size=1, in_channels=2, num_classes=2,
            loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
            loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0))
LN2 = float(torch.tensor(math.log(2.0)))


def _example():
    """Image 0: one positive RoI of class 1. Image 1: a positive RoI of class 0 and a negative
    (label 2 = background). Class-specific deltas: 4 per foreground class."""
    rois = torch.tensor([[0.0, 0, 0, 10, 10], [1.0, 0, 0, 10, 10], [1.0, 5, 5, 20, 20]])
    labels = torch.tensor([1, 0, 2])
    cls_score = torch.tensor([[0.0, 0.0, 0.0],     # CE ln 3
                              [LN2, 0.0, 0.0],     # CE -ln(2/4) = ln 2
                              [0.0, 0.0, LN2]])    # CE ln 2
    bbox_pred = torch.tensor([[5.0, 5.0, 5.0, 5.0, 0.0, 0.0, 2.0, 0.0],   # class 1: 1.5
                              [0.5, 0.0, 0.0, 0.0, 6.0, 6.0, 6.0, 6.0],   # class 0: 0.125
                              [8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0]])  # background: none
    bbox_targets = torch.zeros(3, 4)
    bbox_weights = torch.tensor([[1.0] * 4, [1.0] * 4, [0.0] * 4])
    return cls_score, bbox_pred, rois, labels, torch.ones(3), bbox_targets, bbox_weights


def test_losses_are_normalised_per_image_on_the_ground_truth_class_deltas():
    head = MODELS.build(dict(HEAD, type='PerImageNormBBoxHead'))
    losses = head.loss(*_example())
    assert float(losses['loss_cls']) == pytest.approx(
        (math.log(3) + (math.log(2) + math.log(2)) / 2) / 2, rel=1e-5)
    assert float(losses['loss_bbox']) == pytest.approx((1.5 / 1 + 0.125 / 1) / 2, rel=1e-5)


def test_stock_bbox_head_divides_by_the_rois_of_the_batch():
    head = MODELS.build(dict(HEAD, type='BBoxHead'))
    losses = head.loss(*_example())
    assert float(losses['loss_cls']) == pytest.approx(
        (math.log(3) + 2 * math.log(2)) / 3, rel=1e-5)
    assert float(losses['loss_bbox']) == pytest.approx((1.5 + 0.125) / 3, rel=1e-5)


def test_an_image_of_negatives_only_divides_its_box_loss_by_one():
    head = MODELS.build(dict(HEAD, type='PerImageNormBBoxHead'))
    example = list(_example())
    example[3] = torch.tensor([2, 0, 2])  # image 0's RoI now background
    example[6] = torch.tensor([[0.0] * 4, [1.0] * 4, [0.0] * 4])
    losses = head.loss(*example)
    assert float(losses['loss_bbox']) == pytest.approx(0.125 / 2, rel=1e-5)
