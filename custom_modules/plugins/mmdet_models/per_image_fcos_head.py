"""FCOS head whose losses are normalised per image, with an unweighted box loss.

mmdet's ``FCOSHead`` divides the classification and centerness sums by the
positives of the whole batch and weights the box (IoU/GIoU) loss of each
positive location by its centerness target (normalised by the batch's sum of
those targets). The FCOS code of report 000 (000-C) instead computes, for each
image, focal loss summed over all its locations and classes, centerness BCE
summed over its positives and box loss ``1 - GIoU`` summed (unweighted) over
its positives, each divided by that image's number of positives (at least 1),
and then averages the three over the images of the batch. Targets (centre
sampling, regression ranges) and the network are mmdet's, unchanged.
"""
import torch
from mmdet.models.dense_heads import FCOSHead
from mmdet.registry import MODELS

from .per_image_norm import per_image_weights


@MODELS.register_module()
class PerImageFCOSHead(FCOSHead):
    """``FCOSHead`` with per-image loss normalisation and an unweighted box loss.

    For image ``i`` with ``n_i`` positive locations (``max(n_i, 1)`` below):
    ``loss_cls_i = sum(focal over locations x classes) / n_i``,
    ``loss_centerness_i = sum(BCE over positives) / n_i``,
    ``loss_bbox_i = sum(loss_bbox over positives) / n_i`` (no centerness weight);
    each reported loss is the mean over the batch's images. The loss modules
    (``loss_cls``, ``loss_bbox``, ``loss_centerness``) are called with
    ``reduction_override='none'``; their ``loss_weight`` still applies.

    Args:
        **kwargs: The arguments of mmdet's ``FCOSHead`` (``num_classes``,
            ``in_channels``, ``center_sampling``, ``norm_on_bbox``,
            ``centerness_on_reg``, ``loss_cls``, ``loss_bbox``, ...).

    Example::

        model = dict(bbox_head=dict(type='PerImageFCOSHead', num_classes=20,
                                    norm_on_bbox=False, centerness_on_reg=True,
                                    center_sampling=True,
                                    loss_bbox=dict(type='GIoULoss', loss_weight=1.0)))
    """

    def loss_by_feat(self, cls_scores, bbox_preds, centernesses, batch_gt_instances,
                     batch_img_metas, batch_gt_instances_ignore=None) -> dict:
        featmap_sizes = [score.shape[-2:] for score in cls_scores]
        points = self.prior_generator.grid_priors(
            featmap_sizes, dtype=bbox_preds[0].dtype, device=bbox_preds[0].device)
        labels, bbox_targets = self.get_targets(points, batch_gt_instances)
        num_imgs = cls_scores[0].size(0)
        # per level, get_targets and the flattening below stack the images one after another
        img_ids = torch.cat([
            torch.arange(num_imgs, device=bbox_preds[0].device).repeat_interleave(len(p))
            for p in points])
        flat_points = torch.cat([p.repeat(num_imgs, 1) for p in points])
        flat_cls = torch.cat([s.permute(0, 2, 3, 1).reshape(-1, self.cls_out_channels)
                              for s in cls_scores])
        flat_bbox = torch.cat([b.permute(0, 2, 3, 1).reshape(-1, 4) for b in bbox_preds])
        flat_centerness = torch.cat([c.permute(0, 2, 3, 1).reshape(-1) for c in centernesses])
        flat_labels = torch.cat(labels)
        flat_bbox_targets = torch.cat(bbox_targets)

        positive = (flat_labels >= 0) & (flat_labels < self.num_classes)
        pos = positive.nonzero().reshape(-1)
        # 1 / (images * max(1, positives of its image)) for every location, so that a
        # weighted sum is each image's sum over its positives, averaged over the images
        weights = per_image_weights(img_ids, positive, num_imgs)
        pos_weights = weights[pos]

        loss_cls = self.loss_cls(flat_cls, flat_labels, reduction_override='none')
        loss_cls = (loss_cls.reshape(len(flat_labels), -1).sum(1) * weights).sum()

        pos_bbox_targets = flat_bbox_targets[pos]
        pos_points = flat_points[pos]
        loss_bbox = self.loss_bbox(self.bbox_coder.decode(pos_points, flat_bbox[pos]),
                                   self.bbox_coder.decode(pos_points, pos_bbox_targets),
                                   reduction_override='none')
        loss_centerness = self.loss_centerness(
            flat_centerness[pos], self.centerness_target(pos_bbox_targets),
            reduction_override='none')
        return dict(loss_cls=loss_cls,
                    loss_bbox=(loss_bbox.reshape(-1) * pos_weights).sum(),
                    loss_centerness=(loss_centerness.reshape(-1) * pos_weights).sum())
