"""Generate a Pascal VOC-format detection dataset of simple shapes on noisy, textured backgrounds.

Classes: circle, square, triangle (filled, in random colours). Each image holds
1-3 of them (overlapping a little at most, so every box stays visible) and,
sometimes, one tiny shape flagged ``difficult`` (ignored by the VOC metric, as
in VOC). Written through ``custom_modules/apps/data/voc_writer.py`` as
``<out>/VOCdevkit/VOC2007/{JPEGImages,Annotations,ImageSets/Main/{trainval,test}.txt}``,
which mmdet's ``VOCDataset`` reads with ``metainfo=dict(classes=CLASSES)``.
The same ``--seed`` gives the same files.
"""
import os.path as osp

import cv2
import numpy as np

from custom_modules.apps.data.voc_writer import write_split, write_voc_image

CLASSES = ('circle', 'square', 'triangle')
MAX_OVERLAP = 0.25  # IoU allowed between two shapes of one image


def _background(rng, size):
    """A colour gradient, random lines and Gaussian noise."""
    low, high = rng.uniform(40, 215, 3), rng.uniform(40, 215, 3)
    ramp = np.linspace(0, 1, size)[None, :, None]
    if rng.random() < 0.5:
        ramp = ramp.transpose(1, 0, 2)
    image = (low + (high - low) * ramp) * np.ones((size, size, 1))
    image = np.ascontiguousarray(image.astype(np.uint8))
    for _ in range(rng.integers(0, 6)):
        p1, p2 = rng.integers(0, size, 2), rng.integers(0, size, 2)
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.line(image, tuple(int(v) for v in p1), tuple(int(v) for v in p2), colour,
                 int(rng.integers(1, 3)))
    noise = rng.normal(0, rng.uniform(5, 20), image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def _iou(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(w, 0) * max(h, 0)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def draw_shape(image, rng, cls, box):
    """Draw shape ``cls`` (circle, square, triangle) filling ``box`` (x1, y1, x2, y2) in a
    random colour."""
    x1, y1, x2, y2 = box
    colour = tuple(int(c) for c in rng.integers(0, 256, 3))
    if cls == 'circle':
        cv2.circle(image, ((x1 + x2) // 2, (y1 + y2) // 2), (x2 - x1) // 2, colour, -1,
                   cv2.LINE_AA)
    elif cls == 'square':
        cv2.rectangle(image, (x1, y1), (x2, y2), colour, -1)
    else:  # triangle pointing up or down
        apex_x = int(rng.integers(x1, x2 + 1))
        top, base = (y1, y2) if rng.random() < 0.5 else (y2, y1)
        points = np.array([[apex_x, top], [x1, base], [x2, base]], np.int32)
        cv2.fillPoly(image, [points], colour, cv2.LINE_AA)


def make_image(rng, size=128, min_side=18, max_side=56, difficult_prob=0.15):
    """One image (BGR uint8) and its objects ``[(class, (x1, y1, x2, y2), difficult)]``."""
    image = _background(rng, size)
    objects = []
    wanted = int(rng.integers(1, 4))
    for _ in range(50):  # rejection sampling of non-overlapping placements
        if len(objects) == wanted:
            break
        cls = CLASSES[rng.integers(len(CLASSES))]
        side = int(rng.integers(min_side, max_side + 1))
        # circles have a diameter of an even number of pixels
        w = side if cls != 'triangle' else int(rng.integers(min_side, max_side + 1))
        w, h = (side - side % 2, side - side % 2) if cls == 'circle' else (w, side)
        x1, y1 = int(rng.integers(0, size - w)), int(rng.integers(0, size - h))
        box = (x1, y1, x1 + w, y1 + h)
        if all(_iou(box, other) <= MAX_OVERLAP for _, other, _ in objects):
            draw_shape(image, rng, cls, box)
            objects.append((cls, box, False))
    if rng.random() < difficult_prob:  # a tiny shape that the metric ignores
        cls, side = CLASSES[rng.integers(len(CLASSES))], int(rng.integers(6, 11)) // 2 * 2
        x1, y1 = int(rng.integers(0, size - side)), int(rng.integers(0, size - side))
        box = (x1, y1, x1 + side, y1 + side)
        if all(_iou(box, other) == 0 for _, other, _ in objects):
            draw_shape(image, rng, cls, box)
            objects.append((cls, box, True))
    return image, objects


def write_dataset(year_root: str, train: int, test: int, seed: int = 0, size: int = 128,
                  progress: bool = True) -> None:
    """Write ``train`` trainval and ``test`` test images into one ``VOC<year>`` folder."""
    names = [f'{i:06d}' for i in range(1, train + test + 1)]
    bar = None
    if progress:
        from mmengine.utils import ProgressBar
        bar = ProgressBar(len(names))
    for index, name in enumerate(names):
        rng = np.random.default_rng([seed, index])
        image, objects = make_image(rng, size)
        write_voc_image(year_root, name, image, objects)
        if bar:
            bar.update()
    write_split(year_root, 'trainval', names[:train])
    write_split(year_root, 'test', names[train:])


def make_dataset(out: str, train: int, test: int, seed: int = 0, size: int = 128,
                 progress: bool = True) -> str:
    """Write ``<out>/VOCdevkit/VOC2007``; returns that folder."""
    year_root = osp.join(out, 'VOCdevkit', 'VOC2007')
    write_dataset(year_root, train, test, seed, size, progress)
    if progress:
        print(f'\nwrote {train} trainval and {test} test images ({size}x{size}, classes '
              f'{", ".join(CLASSES)}) to {year_root}')
    return year_root
