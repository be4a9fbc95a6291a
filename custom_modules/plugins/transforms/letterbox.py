"""Letterbox: fit the image into a fixed canvas, aspect kept, centred on a grey fill.

mmdet's ``Resize(keep_ratio=True)`` + ``Pad`` puts the image in the top-left
corner and pads right/bottom; the bubbliiing Faster R-CNN of reports 000/001
(validation-loss input) scales the image to fit the canvas and *centres* it on
(128, 128, 128) grey, with PIL's bicubic resize. :class:`Letterbox` does that;
:func:`place_on_canvas` (also used by ``LetterboxJitter``) resizes, pastes at
any offset (a negative one crops) and moves the boxes with the image.
"""
from typing import Tuple

import mmcv
import numpy as np
from mmcv.transforms import BaseTransform
from mmdet.registry import TRANSFORMS

from .box_filter import drop_small_boxes


def _fill_values(fill, channels: int):
    return (fill, ) * channels if isinstance(fill, (int, float)) else tuple(fill)


def place_on_canvas(results: dict, size: Tuple[int, int], offset: Tuple[int, int],
                    canvas: Tuple[int, int], fill, interpolation: str, backend: str) -> dict:
    """Resize ``results['img']`` to ``size`` (w, h), paste it at ``offset`` (x, y; negative
    values cut the image) on a ``canvas`` (w, h) filled with ``fill``. Boxes are scaled and
    shifted, clipped to the canvas, and boxes ``<= 1`` px wide or high are dropped with
    their labels and ignore flags."""
    img = results['img']
    height, width = img.shape[:2]
    (new_w, new_h), (dx, dy), (canvas_w, canvas_h) = size, offset, canvas
    resized = mmcv.imresize(img, (new_w, new_h), interpolation=interpolation, backend=backend)
    channels = img.shape[2] if img.ndim == 3 else 1
    out = np.empty((canvas_h, canvas_w) + img.shape[2:], dtype=img.dtype)
    out[...] = np.array(_fill_values(fill, channels), dtype=img.dtype).reshape(
        (channels, ) if img.ndim == 3 else ())
    x0, y0 = max(dx, 0), max(dy, 0)
    x1, y1 = min(dx + new_w, canvas_w), min(dy + new_h, canvas_h)
    if x1 > x0 and y1 > y0:
        out[y0:y1, x0:x1] = resized[y0 - dy:y1 - dy, x0 - dx:x1 - dx]
    scale = (new_w / width, new_h / height)
    results.update(img=out, img_shape=(canvas_h, canvas_w), scale_factor=scale)
    boxes = results.get('gt_bboxes')
    if boxes is not None:
        boxes.rescale_(scale)
        boxes.translate_((dx, dy))
        boxes.clip_((canvas_h, canvas_w))
    return drop_small_boxes(results, 1)


@TRANSFORMS.register_module()
class Letterbox(BaseTransform):
    """Scale the image to fit ``scale`` (aspect kept), centre it on a ``fill`` canvas.

    With image size ``iw x ih`` and canvas ``w x h``: ``s = min(w / iw, h / ih)``, new
    size ``nw = int(iw * s)``, ``nh = int(ih * s)``, offset ``((w - nw) // 2,
    (h - nh) // 2)``. Boxes move with the image; boxes ending up ``<= 1`` px wide or
    high are dropped. Sets ``img_shape`` (the canvas) and ``scale_factor``.

    Args:
        scale (tuple[int, int]): Canvas (width, height). Defaults to (600, 600).
        fill (int | tuple): Canvas value (per channel). Defaults to 128.
        interpolation (str): Resize interpolation. Defaults to 'bicubic'.
        backend (str): mmcv resize backend, 'pillow' (as the original code) or 'cv2'.
            Defaults to 'pillow'.

    Example::

        val_loss_pipeline = [
            dict(type='LoadImageFromFile'), dict(type='LoadAnnotations', with_bbox=True),
            dict(type='Letterbox', scale=(600, 600)), dict(type='PackDetInputs')]
    """

    def __init__(self, scale=(600, 600), fill=128, interpolation: str = 'bicubic',
                 backend: str = 'pillow'):
        self.scale = tuple(scale)
        self.fill, self.interpolation, self.backend = fill, interpolation, backend

    def layout(self, width: int, height: int):
        """``((nw, nh), (dx, dy))``: the resized image's size and its offset on the canvas."""
        canvas_w, canvas_h = self.scale
        ratio = min(canvas_w / width, canvas_h / height)
        new_w, new_h = max(1, int(width * ratio)), max(1, int(height * ratio))
        return (new_w, new_h), ((canvas_w - new_w) // 2, (canvas_h - new_h) // 2)

    def transform(self, results: dict) -> dict:
        height, width = results['img'].shape[:2]
        size, offset = self.layout(width, height)
        return place_on_canvas(results, size, offset, self.scale, self.fill,
                               self.interpolation, self.backend)

    def __repr__(self):
        return (f'{type(self).__name__}(scale={self.scale}, fill={self.fill}, '
                f'interpolation={self.interpolation!r})')
