"""CutMix whose box side is exactly floor(sqrt(1 - lambda) * side), as report 000 states.

mmpretrain's ``CutMix`` (like the official CutMix code) spans
[c - floor(s/2), c + floor(s/2)) around the centre c, i.e. 2 floor(s/2) pixels:
one pixel short of the nominal side s = floor(sqrt(1 - lambda) W) whenever s is
odd. This subclass spans [c - floor(s/2), c - floor(s/2) + s), clipped to the
image. Everything else is mmpretrain's: one lambda ~ Beta(alpha, alpha) and one
box per batch, centre uniform over the pixels, partner = a random permutation,
label weight of the partner = the clipped pasted area / image area.
"""
import numpy as np
from mmpretrain.models.utils.batch_augments import CutMix
from mmpretrain.registry import BATCH_AUGMENTS


@BATCH_AUGMENTS.register_module()
class ExactSizeCutMix(CutMix):
    """``CutMix`` with a box of exactly floor(sqrt(1 - lambda) H) x floor(sqrt(1 - lambda) W).

    Args:
        alpha (float): Parameter of the Beta distribution of lambda (> 0).
        cutmix_minmax (list[float], optional): As in ``CutMix`` (then ``alpha``
            is ignored). Defaults to None.
        correct_lam (bool): Label weight from the clipped box (as in
            ``CutMix``). Defaults to True.

    Example::

        model = dict(train_cfg=dict(augments=dict(type='ExactSizeCutMix', alpha=0.4)))
    """

    def rand_bbox(self, img_shape, lam, margin=0., count=None):
        """Box ``(top, bottom, left, right)`` of nominal side floor(sqrt(1 - lam) * size),
        centred on a uniform pixel, clipped to the image."""
        ratio = np.sqrt(1 - lam)
        img_h, img_w = img_shape
        cut_h, cut_w = int(img_h * ratio), int(img_w * ratio)
        margin_y, margin_x = int(margin * cut_h), int(margin * cut_w)
        cy = np.random.randint(0 + margin_y, img_h - margin_y, size=count)
        cx = np.random.randint(0 + margin_x, img_w - margin_x, size=count)
        top, left = cy - cut_h // 2, cx - cut_w // 2
        return (np.clip(top, 0, img_h), np.clip(top + cut_h, 0, img_h),
                np.clip(left, 0, img_w), np.clip(left + cut_w, 0, img_w))
