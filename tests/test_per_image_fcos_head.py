"""PerImageFCOSHead: losses divided by each image's positives, then averaged; unweighted GIoU.

Hand-computed case: one level, stride 8, a 4x4 map (locations at 4, 12, 20, 28 on both axes),
two classes, centre sampling radius 1.5 x 8 = 12 px.
Image 1: box (2, 2, 10, 10), class 0 -> one positive, (4, 4), target (l, t, r, b) = (2, 2, 6, 6).
Image 2: box (10, 10, 30, 14), class 1 -> three positives, (12, 12), (20, 12), (28, 12).
Every predicted distance is 2 (a 4x4 box around the location): GIoU 16/64 = 0.25 in image 1
and 16/80 = 0.2 at each positive of image 2 (the prediction lies inside the target box).
Classification logits 0 (p = 0.5): focal loss 0.75 * 0.25 * ln 2 per negative entry,
0.25 * 0.25 * ln 2 per positive entry. Centerness logits 1 in image 1, 0 in image 2.
"""
import math

import pytest
import torch
from mmdet.registry import MODELS
from mmengine.structures import InstanceData

import custom_modules  # noqa: F401  (registers PerImageFCOSHead)

NEG = 0.75 * 0.25 * math.log(2)  # focal loss of one negative (location, class) entry at p = 0.5
POS = 0.25 * 0.25 * math.log(2)  # ... of the positive entry
SOFTPLUS_1 = math.log(1 + math.e)


def build(head_type):
    return MODELS.build(dict(
        type=head_type, num_classes=2, in_channels=4, feat_channels=4, stacked_convs=1,
        strides=[8], regress_ranges=((-1, 1e8),), center_sampling=True,
        center_sample_radius=1.5, norm_on_bbox=False, centerness_on_reg=True, norm_cfg=None,
        loss_bbox=dict(type='GIoULoss', loss_weight=1.0)))


def gt(boxes, labels):
    return InstanceData(bboxes=torch.tensor(boxes, dtype=torch.float32).reshape(-1, 4),
                        labels=torch.tensor(labels, dtype=torch.long))


def predictions():
    cls_scores = [torch.zeros(2, 2, 4, 4, requires_grad=True)]
    bbox_preds = [torch.full((2, 4, 4, 4), 2.0, requires_grad=True)]
    centerness = torch.zeros(2, 1, 4, 4)
    centerness[0] = 1.0
    return cls_scores, bbox_preds, [centerness.requires_grad_()]


def losses(head_type, gts):
    head = build(head_type)
    return head.loss_by_feat(*predictions(), gts, [{}, {}])


TWO_IMAGES = [gt([2, 2, 10, 10], [0]), gt([10, 10, 30, 14], [1])]


def test_losses_are_normalised_per_image_then_averaged():
    out = losses('PerImageFCOSHead', TWO_IMAGES)
    cls_1 = (31 * NEG + 1 * POS) / 1  # 16 locations x 2 classes, 1 positive entry
    cls_2 = (29 * NEG + 3 * POS) / 3
    assert out['loss_cls'].item() == pytest.approx((cls_1 + cls_2) / 2, rel=1e-5)
    centerness_1 = SOFTPLUS_1 - 1 / 3  # BCE(logit 1, target sqrt(2/6 * 2/6) = 1/3)
    centerness_2 = 3 * math.log(2) / 3
    assert out['loss_centerness'].item() == pytest.approx((centerness_1 + centerness_2) / 2,
                                                          rel=1e-5)
    # unweighted 1 - GIoU: image 1 0.75, image 2 (0.8 * 3) / 3
    assert out['loss_bbox'].item() == pytest.approx((0.75 + 0.8) / 2, rel=1e-4)


def test_stock_head_normalises_over_the_batch_and_weights_by_centerness():
    """The same case through mmdet's FCOSHead gives other numbers (what the subclass changes)."""
    out = losses('FCOSHead', TWO_IMAGES)
    assert out['loss_cls'].item() == pytest.approx((60 * NEG + 4 * POS) / 4, rel=1e-5)
    assert out['loss_centerness'].item() == pytest.approx(
        (SOFTPLUS_1 - 1 / 3 + 3 * math.log(2)) / 4, rel=1e-5)
    # centerness targets: 1/3 (image 1), 1/3, 1, 1/3 (image 2)
    weights, giou_losses = [1 / 3, 1 / 3, 1, 1 / 3], [0.75, 0.8, 0.8, 0.8]
    assert out['loss_bbox'].item() == pytest.approx(
        sum(w * v for w, v in zip(weights, giou_losses)) / sum(weights), rel=1e-4)


def test_image_without_positives_counts_one_and_adds_no_box_loss():
    out = losses('PerImageFCOSHead', [TWO_IMAGES[0], gt([], [])])
    assert out['loss_cls'].item() == pytest.approx((31 * NEG + POS + 32 * NEG) / 2, rel=1e-5)
    assert out['loss_bbox'].item() == pytest.approx(0.75 / 2, rel=1e-4)
    assert out['loss_centerness'].item() == pytest.approx((SOFTPLUS_1 - 1 / 3) / 2, rel=1e-5)


def test_batch_without_positives_backpropagates():
    out = losses('PerImageFCOSHead', [gt([], []), gt([], [])])
    assert out['loss_bbox'].item() == 0 and out['loss_centerness'].item() == 0
    total = sum(out.values())
    total.backward()
    assert math.isfinite(total.item())


def test_batch_loss_is_the_mean_of_single_image_losses():
    """Per-image normalisation on two levels with random outputs: the batch's losses equal the
    mean of the losses of each image alone (batch-normalised losses would not)."""
    torch.manual_seed(0)
    head = MODELS.build(dict(
        type='PerImageFCOSHead', num_classes=3, in_channels=4, feat_channels=4,
        stacked_convs=1, strides=[8, 16], regress_ranges=((-1, 16), (16, 1e8)),
        center_sampling=True, norm_on_bbox=False, centerness_on_reg=True, norm_cfg=None,
        loss_bbox=dict(type='GIoULoss', loss_weight=1.0)))
    feats = [torch.randn(2, 4, 8, 8), torch.randn(2, 4, 4, 4)]
    gts = [gt([[4, 4, 20, 28], [30, 2, 60, 60]], [0, 2]), gt([[10, 12, 22, 20]], [1])]
    outputs = head(feats)
    batch = head.loss_by_feat(*outputs, gts, [{}, {}])
    singles = [head.loss_by_feat(*[[level[i:i + 1] for level in kind] for kind in outputs],
                                 [gts[i]], [{}]) for i in range(2)]
    for key in ('loss_cls', 'loss_bbox', 'loss_centerness'):
        expected = (singles[0][key] + singles[1][key]) / 2
        assert batch[key].item() == pytest.approx(expected.item(), rel=1e-5), key
