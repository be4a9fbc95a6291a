"""mmdet's ``RPNHead`` with the losses normalised per image, as in py-faster-rcnn-style code.

mmdet divides both RPN losses by the number of sampled anchors of the whole
batch. The bubbliiing Faster R-CNN of reports 000/001 (and the report's quoted
loss) computes each image's losses on its own: the smooth-L1 box loss summed
over the 4 coordinates and the positive anchors and divided by the image's
positive anchors (at least 1), the objectness cross-entropy averaged over the
image's sampled anchors; then both are averaged over the images of the batch.
"""
import torch
from mmdet.models.dense_heads import RPNHead
from mmdet.registry import MODELS

from .per_image_norm import per_image_weights


@MODELS.register_module()
class PerImageNormRPNHead(RPNHead):
    """``RPNHead`` whose box loss is normalised by each image's positive anchors and whose
    objectness loss by each image's sampled anchors, then averaged over the images.

    The per-image factors go into the target weights (``avg_factor`` becomes 1), so the
    stock loss functions apply unchanged: use ``SmoothL1Loss(beta=1.0)`` for the report's
    sigma-1 smooth-L1 and ``CrossEntropyLoss(use_sigmoid=False)`` for a two-way softmax
    objectness (channel 0 of each anchor's pair is the object, channel 1 background).

    Args:
        in_channels (int): Channels of the input feature map.
        **kwargs: ``RPNHead``'s arguments (``feat_channels``, ``anchor_generator``,
            ``loss_cls``, ``loss_bbox``, ...).

    Example::

        rpn_head = dict(
            type='PerImageNormRPNHead', in_channels=1024, feat_channels=512,
            anchor_generator=dict(type='AnchorGenerator', scales=[8, 16, 32],
                                  ratios=[0.5, 1.0, 2.0], strides=[16]),
            loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
            loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0))
    """

    def get_targets(self, *args, **kwargs) -> tuple:
        labels, label_weights, bbox_targets, bbox_weights, _, *rest = super().get_targets(
            *args, **kwargs)
        all_labels = torch.cat(labels, dim=1)  # (images, anchors of all levels)
        num_images = all_labels.size(0)
        image = torch.arange(num_images, device=all_labels.device)
        sampled = (torch.cat(label_weights, dim=1) > 0).sum(dim=1)
        positive = ((all_labels >= 0) & (all_labels < self.num_classes)).sum(dim=1)
        cls_factor = per_image_weights(image, sampled, num_images)
        box_factor = per_image_weights(image, positive, num_images)
        label_weights = [w * cls_factor[:, None] for w in label_weights]
        bbox_weights = [w * box_factor[:, None, None] for w in bbox_weights]
        return (labels, label_weights, bbox_targets, bbox_weights, 1.0, *rest)
