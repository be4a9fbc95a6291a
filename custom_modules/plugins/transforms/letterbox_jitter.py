"""Letterbox with random aspect/scale jitter and a random position (bubbliiing's training input).

The Faster R-CNN of reports 000/001 trains on a fixed 600x600 grey canvas with
the image stretched to a jittered aspect ratio, scaled by U(0.25, 2) and pasted
at a random offset (cut when larger than the canvas). mmdet has no transform
combining these (``RandomResize`` + ``RandomCrop`` + ``Pad`` neither distort
the aspect ratio nor paste at a random position on a grey canvas).
"""
import numpy as np
from mmdet.registry import TRANSFORMS

from .letterbox import Letterbox


def _uniform(low: float, high: float) -> float:
    """``rand() * (high - low) + low`` (one ``np.random.rand`` draw, as the original)."""
    return np.random.rand() * (high - low) + low


@TRANSFORMS.register_module()
class LetterboxJitter(Letterbox):
    """Random aspect ratio, scale and position on a fixed ``scale`` canvas.

    With image size ``iw x ih`` and canvas ``w x h`` (five ``np.random.rand`` draws, in
    this order): aspect ``r = iw / ih * U(1 - jitter, 1 + jitter) / U(1 - jitter,
    1 + jitter)``, scale ``s ~ U(scale_range)``; if ``r < 1``: ``nh = int(h * s)``,
    ``nw = int(nh * r)``, else ``nw = int(w * s)``, ``nh = int(nw / r)``; resize to
    ``nw x nh`` and paste at ``dx = int(U(0, w - nw))``, ``dy = int(U(0, h - nh))`` (a
    negative offset cuts the image). Boxes are moved, clipped to the canvas and dropped
    when ``<= 1`` px wide or high (with labels and ignore flags).

    Args:
        scale (tuple[int, int]): Canvas (width, height). Defaults to (600, 600).
        jitter (float): Aspect jitter. Defaults to 0.3.
        scale_range (tuple[float, float]): Range of ``s``. Defaults to (0.25, 2.0).
        fill (int | tuple): Canvas value (per channel). Defaults to 128.
        interpolation (str): Resize interpolation. Defaults to 'bicubic'.
        backend (str): mmcv resize backend. Defaults to 'pillow' (as the original).

    Example::

        train_pipeline = [
            dict(type='LoadImageFromFile'), dict(type='LoadAnnotations', with_bbox=True),
            dict(type='LetterboxJitter', scale=(600, 600)),
            dict(type='RandomFlip', prob=0.5), dict(type='HSVRandomAug'),
            dict(type='PackDetInputs')]
    """

    def __init__(self, scale=(600, 600), jitter: float = 0.3, scale_range=(0.25, 2.0),
                 fill=128, interpolation: str = 'bicubic', backend: str = 'pillow'):
        super().__init__(scale, fill, interpolation, backend)
        self.jitter, self.scale_range = jitter, tuple(scale_range)

    def layout(self, width: int, height: int):
        canvas_w, canvas_h = self.scale
        low, high = 1 - self.jitter, 1 + self.jitter
        aspect = width / height * _uniform(low, high) / _uniform(low, high)
        factor = _uniform(*self.scale_range)
        if aspect < 1:
            new_h = int(factor * canvas_h)
            new_w = int(new_h * aspect)
        else:
            new_w = int(factor * canvas_w)
            new_h = int(new_w / aspect)
        new_w, new_h = max(1, new_w), max(1, new_h)
        offset = (int(_uniform(0, canvas_w - new_w)), int(_uniform(0, canvas_h - new_h)))
        return (new_w, new_h), offset

    def __repr__(self):
        return (f'{type(self).__name__}(scale={self.scale}, jitter={self.jitter}, '
                f'scale_range={self.scale_range}, fill={self.fill}, '
                f'interpolation={self.interpolation!r})')
