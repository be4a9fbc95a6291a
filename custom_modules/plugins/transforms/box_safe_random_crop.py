"""Random crop that only cuts boxes it keeps mostly whole, without a resize back.

mmdet's crops do not fit the FCOS code of report 000 (000-C): ``RandomCrop``
has a fixed or relative crop size and keeps any box with some area left,
``MinIoURandomCrop`` tests IoU with the crop and samples other sizes. There, the
crop window has area U(0.2, 1) x the image's, aspect ratio U(3/4, 4/3) with
width and height swapped half of the time, and it is accepted only if every box
that overlaps it keeps more than 70 % of its area inside (or no box overlaps);
up to 10 windows are tried, otherwise the image stays as it is. The crop is not
resized (the later ``Resize`` scales it).
"""
import math

import numpy as np
from mmcv.transforms import BaseTransform
from mmdet.registry import TRANSFORMS
from mmdet.structures.bbox import autocast_box_type

from .box_filter import drop_small_boxes

OVERLAP_EPS = 1e-4  # px^2 of intersection above which a box counts as overlapping the window


@TRANSFORMS.register_module()
class BoxSafeRandomCrop(BaseTransform):
    """Crop a random window in which every overlapping box keeps > ``min_kept`` of its area.

    Each try: area ``U(area_range)`` x image area, aspect ``r = U(aspect_range)``,
    ``w = round(sqrt(area * r))``, ``h = round(sqrt(area / r))``, swapped with
    probability ``swap_prob``; a window larger than the image is a failed try;
    otherwise its top-left corner is uniform over the integer positions. Boxes
    are shifted, clipped to the window, and boxes (with their labels and ignore
    flags) that end with no area are removed; ``img_shape`` and
    ``homography_matrix`` are updated. Masks and segmentation maps are not
    supported.

    Args:
        prob (float): Probability of trying a crop at all. Defaults to 1.0.
        area_range (tuple[float]): Window area relative to the image. Defaults to (0.2, 1.0).
        aspect_range (tuple[float]): Window width/height before the swap.
            Defaults to (3/4, 4/3).
        swap_prob (float): Probability of swapping width and height. Defaults to 0.5.
        min_kept (float): Share of its area every overlapping box must keep
            (strictly more). Defaults to 0.7.
        max_attempts (int): Windows tried before giving up. Defaults to 10.

    Example::

        train_pipeline = [dict(type='LoadImageFromFile'),
                          dict(type='LoadAnnotations', with_bbox=True),
                          dict(type='BoxSafeRandomCrop', prob=0.5),
                          dict(type='Resize', scale=(1333, 800), keep_ratio=True),
                          dict(type='PackDetInputs')]
    """

    def __init__(self, prob: float = 1.0, area_range=(0.2, 1.0), aspect_range=(3 / 4, 4 / 3),
                 swap_prob: float = 0.5, min_kept: float = 0.7, max_attempts: int = 10) -> None:
        if not 0 <= prob <= 1 or not 0 <= swap_prob <= 1:
            raise ValueError(f'prob and swap_prob must be in [0, 1], got {prob}, {swap_prob}')
        self.prob, self.swap_prob = prob, swap_prob
        self.area_range, self.aspect_range = tuple(area_range), tuple(aspect_range)
        self.min_kept, self.max_attempts = min_kept, max_attempts

    def random_window(self, width: int, height: int):
        """One try: ``(x, y, w, h)``, or None when the drawn size does not fit the image."""
        area = np.random.uniform(*self.area_range) * width * height
        aspect = np.random.uniform(*self.aspect_range)
        w, h = round(math.sqrt(area * aspect)), round(math.sqrt(area / aspect))
        if np.random.rand() < self.swap_prob:
            w, h = h, w
        if w > width or h > height:
            return None
        return np.random.randint(0, width - w + 1), np.random.randint(0, height - h + 1), w, h

    def accepts(self, window, boxes: np.ndarray) -> bool:
        """Whether every box (x1, y1, x2, y2) overlapping ``window`` keeps > ``min_kept``."""
        x, y, w, h = window
        inter_w = np.minimum(boxes[:, 2], x + w) - np.maximum(boxes[:, 0], x)
        inter_h = np.minimum(boxes[:, 3], y + h) - np.maximum(boxes[:, 1], y)
        inter = inter_w.clip(min=0) * inter_h.clip(min=0)
        overlapping = inter > OVERLAP_EPS
        areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
        return bool(np.all(inter[overlapping] / areas[overlapping] > self.min_kept))

    @autocast_box_type()
    def transform(self, results: dict) -> dict:
        if np.random.rand() >= self.prob:
            return results
        height, width = results['img'].shape[:2]
        boxes = results.get('gt_bboxes')
        box_array = np.zeros((0, 4)) if boxes is None else boxes.numpy()
        for _ in range(self.max_attempts):
            window = self.random_window(width, height)
            if window is not None and self.accepts(window, box_array):
                return self.crop(results, window)
        return results

    def crop(self, results: dict, window) -> dict:
        x, y, w, h = window
        results['img'] = results['img'][y:y + h, x:x + w]
        results['img_shape'] = (h, w)
        shift = np.array([[1, 0, -x], [0, 1, -y], [0, 0, 1]], dtype=np.float32)
        previous = results.get('homography_matrix')
        results['homography_matrix'] = shift if previous is None else shift @ previous
        if results.get('gt_bboxes') is not None:
            boxes = results['gt_bboxes']
            boxes.translate_([-x, -y])
            boxes.clip_((h, w))
        return drop_small_boxes(results, 0)

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(prob={self.prob}, area_range={self.area_range}, '
                f'aspect_range={self.aspect_range}, swap_prob={self.swap_prob}, '
                f'min_kept={self.min_kept}, max_attempts={self.max_attempts})')
