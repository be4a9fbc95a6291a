"""mmdet's ``BBoxHead`` with the RoI losses normalised per image, as in py-faster-rcnn-style
code.

mmdet divides the RoI classification loss by the sampled RoIs of the whole batch
and the box loss by all RoIs of the batch (positives and negatives). The
bubbliiing Faster R-CNN of reports 000/001 computes each image's losses on its
own: cross-entropy averaged over the image's sampled RoIs, smooth-L1 on the
ground-truth class's deltas of the positive RoIs summed and divided by the
image's positive RoIs (at least 1); then both are averaged over the images.
"""
from mmdet.models.roi_heads.bbox_heads import BBoxHead
from mmdet.registry import MODELS

from .per_image_norm import per_image_weights


@MODELS.register_module()
class PerImageNormBBoxHead(BBoxHead):
    """``BBoxHead`` whose box loss is normalised by each image's positive RoIs and whose
    classification loss by each image's sampled RoIs, then averaged over the images.

    ``BBoxHead.loss`` divides the summed class loss by the batch's sampled RoIs and the
    summed box loss by the batch's RoIs; the target weights here carry the per-image
    factors times those divisors, so the stock loss functions apply unchanged.

    Args:
        **kwargs: ``BBoxHead``'s arguments (``with_avg_pool``, ``roi_feat_size``,
            ``in_channels``, ``num_classes``, ``loss_cls``, ``loss_bbox``, ...).

    Example::

        bbox_head = dict(
            type='PerImageNormBBoxHead', with_avg_pool=True, roi_feat_size=7,
            in_channels=2048, num_classes=20,
            loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),
            loss_bbox=dict(type='SmoothL1Loss', beta=1.0, loss_weight=1.0))
    """

    def loss(self, cls_score, bbox_pred, rois, labels, label_weights, bbox_targets,
             bbox_weights, reduction_override=None) -> dict:
        image = rois[:, 0].long()  # the image of each RoI
        num_images = int(image.max()) + 1 if image.numel() else 1
        sampled = label_weights > 0
        positive = (labels >= 0) & (labels < self.num_classes)
        label_weights = (label_weights * per_image_weights(image, sampled, num_images)
                         * max(int(sampled.sum()), 1))
        bbox_weights = bbox_weights * (per_image_weights(image, positive, num_images)
                                       * bbox_targets.size(0))[:, None]
        return super().loss(cls_score, bbox_pred, rois, labels, label_weights, bbox_targets,
                            bbox_weights, reduction_override)
