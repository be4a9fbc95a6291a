"""PerImageNormRPNHead: box loss / positive anchors and objectness CE / sampled anchors, per
image, then the mean over images (hand-computed two-anchor example)."""
import math

import pytest
import torch
from mmdet.registry import MODELS
from mmengine.structures import InstanceData

import custom_modules  # noqa: F401

# one anchor per cell of a 1x2 map (stride 16, 16x16, centred in its cell): anchor 0 is
# (0, 0, 16, 16), anchor 1 is (16, 0, 32, 16) on a 32x16 image
HEAD = dict(
    in_channels=1, feat_channels=1,
    anchor_generator=dict(type='AnchorGenerator', strides=[16], ratios=[1.0], scales=[1],
                          center_offset=0.5),
    bbox_coder=dict(type='DeltaXYWHBBoxCoder', target_means=[0.0] * 4, target_stds=[1.0] * 4),
    loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
    loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0),
    train_cfg=dict(
        assigner=dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3, min_pos_iou=0.0,
                      match_low_quality=True, gt_max_assign_all=False, ignore_iof_thr=-1),
        sampler=dict(type='RandomSampler', num=256, pos_fraction=0.5, neg_pos_ub=-1,
                     add_gt_as_proposals=False),
        allowed_border=-1, pos_weight=-1, debug=False))
META = dict(img_shape=(16, 32), pad_shape=(16, 32))
LN3 = float(torch.tensor(math.log(3.0)))  # as float32 stores it


def _example():
    """Image A: a box (4, 0, 28, 16) overlapping both anchors by IoU 3/7: anchor 0 is its best
    anchor (positive, target (0.5, 0, ln 1.5, 0)), anchor 1 is ignored. Image B: a box equal to
    anchor 0 (positive, target 0), anchor 1 negative."""
    gts = [InstanceData(bboxes=torch.tensor([[4.0, 0.0, 28.0, 16.0]]), labels=torch.tensor([0])),
           InstanceData(bboxes=torch.tensor([[0.0, 0.0, 16.0, 16.0]]), labels=torch.tensor([0]))]
    # per anchor (object logit, background logit), shape (images, anchors * 2, 1, 2)
    logits = torch.tensor([[[0.0, 0.0], [5.0, 5.0]],       # A: CE ln 2 (anchor 1 ignored)
                           [[LN3, 0.0], [LN3, 0.0]]])      # B: CE ln 4/3 (object), ln 4 (bg)
    cls_score = logits.permute(0, 2, 1).unsqueeze(2)
    # deltas per anchor, shape (images, anchors * 4, 1, 2)
    deltas = torch.tensor([[[0.5 + 2.0, 0.0, math.log(1.5), 0.0], [9.0, 9.0, 9.0, 9.0]],
                           [[0.0, 0.0, 0.0, -0.5], [7.0, 7.0, 7.0, 7.0]]])
    bbox_pred = deltas.permute(0, 2, 1).unsqueeze(2)
    return [cls_score], [bbox_pred], gts, [META, META]


def test_channel_layout_of_the_example():
    cls_scores, bbox_preds, _, _ = _example()
    # mmdet reads (anchor, class) pairs and (anchor, coordinate) quadruples per cell
    assert cls_scores[0].permute(0, 2, 3, 1).reshape(-1, 2)[3].tolist() == [LN3, 0.0]
    assert bbox_preds[0].permute(0, 2, 3, 1).reshape(-1, 4)[2].tolist() == [0.0, 0.0, 0.0, -0.5]


def test_losses_are_normalised_per_image_then_averaged():
    head = MODELS.build(dict(HEAD, type='PerImageNormRPNHead'))
    losses = head.loss_by_feat(*_example())
    # A: 1 sampled, 1 positive (smooth-L1 of 2 = 1.5); B: 2 sampled, 1 positive (of 0.5 = 0.125)
    expected_cls = (math.log(2) + (math.log(4 / 3) + math.log(4)) / 2) / 2
    expected_box = (1.5 / 1 + 0.125 / 1) / 2
    assert float(losses['loss_rpn_cls'][0]) == pytest.approx(expected_cls, rel=1e-5)
    assert float(losses['loss_rpn_bbox'][0]) == pytest.approx(expected_box, rel=1e-5)


def test_stock_rpn_head_divides_by_the_sampled_anchors_of_the_batch():
    head = MODELS.build(dict(HEAD, type='RPNHead'))
    losses = head.loss_by_feat(*_example())
    # mmdet's divisor: max(1, positives) + max(1, negatives) per image, summed: 2 + 2
    assert float(losses['loss_rpn_cls'][0]) == pytest.approx(
        (math.log(2) + math.log(4 / 3) + math.log(4)) / 4, rel=1e-5)
    assert float(losses['loss_rpn_bbox'][0]) == pytest.approx((1.5 + 0.125) / 4, rel=1e-5)


def test_an_image_without_positives_adds_no_box_loss_and_divides_by_one():
    head = MODELS.build(dict(HEAD, type='PerImageNormRPNHead'))
    cls_scores, bbox_preds, gts, metas = _example()
    gts[1] = InstanceData(bboxes=torch.zeros(0, 4), labels=torch.zeros(0, dtype=torch.long))
    losses = head.loss_by_feat(cls_scores, bbox_preds, gts, metas)
    assert float(losses['loss_rpn_bbox'][0]) == pytest.approx(1.5 / 2, rel=1e-5)
