"""CamVid colour-coded labels as Cityscapes train ids, and per-class IoU over them.

CamVid labels 32 classes as RGB colours (``*_L.png``); Cityscapes models
predict 19 train ids. mmseg has no CamVid dataset nor a cross-dataset class
mapping, so the mapping lives in a CSV data file
(``configs/cityscapes/camvid_to_cityscapes.csv``) and is applied here.
"""
import csv

import cv2
import numpy as np

from custom_modules.errors import DataError

from .overlay import CITYSCAPES_CLASSES

IGNORE = 255


class CamVidMapping:
    """Colour -> Cityscapes train id lookup read from the mapping CSV."""

    def __init__(self, path: str, classes=CITYSCAPES_CLASSES):
        self.path, self.classes = path, tuple(classes)
        self.rows = []
        with open(path, newline='') as f:
            lines = [line for line in f if line.strip() and not line.startswith('#')]
        for n, row in enumerate(csv.DictReader(lines), start=2):
            target = row['cityscapes_class'].strip()
            if target != 'ignore' and target not in self.classes:
                raise DataError(f'{path}: {row["camvid_class"]} maps to unknown Cityscapes class '
                                f'{target!r} (use one of {", ".join(self.classes)} or ignore)')
            rgb = tuple(int(row[c]) for c in 'rgb')
            self.rows.append((row['camvid_class'], rgb, target))
        if not self.rows:
            raise DataError(f'{path}: no mapping rows')
        self.lut = np.full(1 << 24, -1, np.int16)  # packed RGB -> train id, -1 = unknown colour
        for _, (r, g, b), target in self.rows:
            self.lut[(r << 16) | (g << 8) | b] = (IGNORE if target == 'ignore'
                                                  else self.classes.index(target))

    @property
    def evaluated(self) -> list:
        """Train ids some CamVid class maps to (the classes an mIoU over CamVid can measure)."""
        return sorted({self.classes.index(t) for _, _, t in self.rows if t != 'ignore'})

    def to_train_ids(self, label_bgr: np.ndarray, name: str = 'label image') -> np.ndarray:
        """(H, W) uint8 train ids (255 = ignored) of a colour label image as OpenCV reads it."""
        bgr = label_bgr.astype(np.int32)
        packed = (bgr[..., 2] << 16) | (bgr[..., 1] << 8) | bgr[..., 0]
        ids = self.lut[packed]
        if (ids < 0).any():
            r, g, b = (int(v) for v in label_bgr[ids < 0][0][::-1])
            raise DataError(f'{name}: colour RGB ({r}, {g}, {b}) is not in {self.path}')
        return ids.astype(np.uint8)

    def read(self, path: str) -> np.ndarray:
        label = cv2.imread(path, cv2.IMREAD_COLOR)
        if label is None:
            raise DataError(f'{path}: not a readable label image')
        return self.to_train_ids(label, path)


class ConfusionIoU:
    """Accumulates a confusion matrix over valid pixels; IoU per class."""

    def __init__(self, num_classes: int = len(CITYSCAPES_CLASSES)):
        self.num_classes = num_classes
        self.matrix = np.zeros((num_classes, num_classes), np.int64)  # rows: truth

    def add(self, truth: np.ndarray, pred: np.ndarray):
        if truth.shape != pred.shape:
            raise ValueError(f'label {truth.shape} and prediction {pred.shape} differ in size')
        valid = truth != IGNORE
        index = truth[valid].astype(np.int64) * self.num_classes + pred[valid]
        self.matrix += np.bincount(index, minlength=self.num_classes ** 2).reshape(
            self.num_classes, self.num_classes)

    def iou(self) -> np.ndarray:
        """IoU per class in [0, 1]; NaN where the class is neither in truth nor prediction."""
        tp = np.diag(self.matrix).astype(float)
        union = self.matrix.sum(0) + self.matrix.sum(1) - tp
        with np.errstate(invalid='ignore', divide='ignore'):
            return np.where(union > 0, tp / union, np.nan)
