"""Random HSV gains through OpenCV lookup tables (= mmyolo's ``YOLOv5HSVRandomAug``).

mmdet's ``PhotoMetricDistortion`` adds hue offsets and multiplies saturation in
float HSV with its own probabilities; the Faster R-CNN of reports 000/001 (like
YOLOv5) multiplies OpenCV's 8-bit H (0-179), S and V by one random gain each.
mmyolo has that transform but is not in this repo's stack.
"""
import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmdet.registry import TRANSFORMS


def hsv_lookup_tables(gains):
    """Tables for 8-bit H, S, V: ``H * gh mod 180``, ``clip(S * gs)``, ``clip(V * gv)``
    (truncated to uint8)."""
    values = np.arange(0, 256, dtype=np.float64)
    return (((values * gains[0]) % 180).astype(np.uint8),
            np.clip(values * gains[1], 0, 255).astype(np.uint8),
            np.clip(values * gains[2], 0, 255).astype(np.uint8))


@TRANSFORMS.register_module()
class HSVRandomAug(BaseTransform):
    """Multiply the image's OpenCV HSV channels by ``1 + U(-1, 1) * delta`` each.

    One ``np.random.uniform(-1, 1, 3)`` draw per image gives the gains
    ``g = 1 + u * (hue_delta, saturation_delta, value_delta)``; the BGR uint8 image goes
    to 8-bit HSV (H in 0-179), through :func:`hsv_lookup_tables` and back to BGR. Boxes
    are unchanged.

    Args:
        hue_delta (float): Hue gain range. Defaults to 0.1.
        saturation_delta (float): Saturation gain range. Defaults to 0.7.
        value_delta (float): Value gain range. Defaults to 0.4.

    Example::

        train_pipeline = [..., dict(type='RandomFlip', prob=0.5),
                          dict(type='HSVRandomAug', hue_delta=0.1, saturation_delta=0.7,
                               value_delta=0.4), dict(type='PackDetInputs')]
    """

    def __init__(self, hue_delta: float = 0.1, saturation_delta: float = 0.7,
                 value_delta: float = 0.4):
        self.deltas = np.array([hue_delta, saturation_delta, value_delta], dtype=np.float64)

    def transform(self, results: dict) -> dict:
        img = results['img']
        if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
            raise TypeError(f'HSVRandomAug needs a BGR uint8 image, got {img.dtype} '
                            f'{img.shape}')
        gains = np.random.uniform(-1, 1, 3) * self.deltas + 1
        hue, sat, val = cv2.split(cv2.cvtColor(img, cv2.COLOR_BGR2HSV))
        tables = hsv_lookup_tables(gains)
        hsv = cv2.merge([cv2.LUT(channel, table)
                         for channel, table in zip((hue, sat, val), tables)])
        results['img'] = cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)
        return results

    def __repr__(self):
        hue, sat, val = self.deltas.tolist()
        return (f'{type(self).__name__}(hue_delta={hue}, saturation_delta={sat}, '
                f'value_delta={val})')
