"""Generate a Pascal VOC-format detection dataset of simple shapes on textured backgrounds.

Classes: circle, square, triangle (filled). Each image holds 2-4 of them, the
classes in turn (balanced), 20-48 px at 128 px (scaled with the image size),
never touching, each in a random colour that stands out from the background
under it (a colour gradient with a few thin lines and mild noise); one image in
ten also gets a tiny shape flagged ``difficult`` (ignored by the VOC metric, as
in VOC). Sized to be learnable by a small detector trained from scratch in a
couple of CPU minutes (``make demo-det``). Written through
``custom_modules/apps/data/voc_writer.py`` as
``<out>/VOCdevkit/VOC2007/{JPEGImages,Annotations,ImageSets/Main/{trainval,test}.txt}``,
which mmdet's ``VOCDataset`` reads with ``metainfo=dict(classes=CLASSES)``.
The same ``--seed`` gives the same files.
"""
import json
import os.path as osp
from typing import Optional

import cv2
import numpy as np

from custom_modules.apps.data.voc_writer import write_split, write_voc_image
from custom_modules.plugins.engine.atomic_files import atomic_write_text

CLASSES = ('circle', 'square', 'triangle')
# raised whenever one seed draws other images than before (2: 2-4 disjoint, contrasting
# shapes); <out>/VOCdevkit/shapes_voc.json records it with the sizes and the seed
GENERATOR_VERSION = 2
SETTINGS_FILE = 'shapes_voc.json'
SIDES = (20, 48)  # least and greatest shape side at 128 px
MIN_CONTRAST = 110  # least RGB distance between a shape's colour and the background under it


def _background(rng, size):
    """A colour gradient, a few thin random lines and mild Gaussian noise."""
    low, high = rng.uniform(30, 225, 3), rng.uniform(30, 225, 3)
    ramp = np.linspace(0, 1, size)[None, :, None]
    if rng.random() < 0.5:
        ramp = ramp.transpose(1, 0, 2)
    image = (low + (high - low) * ramp) * np.ones((size, size, 1))
    image = np.ascontiguousarray(image.astype(np.uint8))
    for _ in range(rng.integers(0, 3)):
        p1, p2 = rng.integers(0, size, 2), rng.integers(0, size, 2)
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        cv2.line(image, tuple(int(v) for v in p1), tuple(int(v) for v in p2), colour, 1)
    noise = rng.normal(0, rng.uniform(2, 8), image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def _disjoint(a, b, gap=2):
    """Whether boxes ``a`` and ``b`` (x1, y1, x2, y2) are at least ``gap`` px apart."""
    return (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1]
            or b[3] + gap <= a[1])


def _contrasting_colour(rng, image, box):
    """A random colour at least ``MIN_CONTRAST`` away from the mean colour under ``box``."""
    x1, y1, x2, y2 = box
    under = image[y1:y2 + 1, x1:x2 + 1].reshape(-1, 3).mean(0)
    for _ in range(100):
        colour = rng.integers(0, 256, 3)
        if np.linalg.norm(colour - under) >= MIN_CONTRAST:
            break
    else:  # unreachable for MIN_CONTRAST <= 220: black or white is that far
        colour = np.zeros(3) if under.mean() > 127 else np.full(3, 255)
    return tuple(int(c) for c in colour)


def draw_shape(image, rng, cls, box, colour=None):
    """Draw shape ``cls`` (circle, square, triangle) filling ``box`` (x1, y1, x2, y2) in
    ``colour`` (BGR; a random one if None)."""
    x1, y1, x2, y2 = box
    if colour is None:
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
    if cls == 'circle':
        cv2.circle(image, ((x1 + x2) // 2, (y1 + y2) // 2), (x2 - x1) // 2, colour, -1,
                   cv2.LINE_AA)
    elif cls == 'square':
        cv2.rectangle(image, (x1, y1), (x2, y2), colour, -1)
    else:  # triangle pointing up or down, its apex over the middle half of its base
        quarter = (x2 - x1) // 4
        apex_x = int(rng.integers(x1 + quarter, x2 - quarter + 1))
        top, base = (y1, y2) if rng.random() < 0.5 else (y2, y1)
        points = np.array([[apex_x, top], [x1, base], [x2, base]], np.int32)
        cv2.fillPoly(image, [points], colour, cv2.LINE_AA)


def make_image(rng, size=128, num_shapes=(2, 4), difficult_prob=0.1):
    """One image (BGR uint8) and its objects ``[(class, (x1, y1, x2, y2), difficult)]``.

    ``num_shapes`` (least, most) shapes of ``SIDES`` px (at 128 px, scaled with
    ``size``), classes in turn from a random start (so the classes stay balanced),
    none touching another (fewer when no place is left), each in a colour that
    stands out from the background under it."""
    image = _background(rng, size)
    min_side, max_side = round(SIDES[0] * size / 128), round(SIDES[1] * size / 128)
    objects = []
    wanted = int(rng.integers(num_shapes[0], num_shapes[1] + 1))
    first = int(rng.integers(len(CLASSES)))
    for _ in range(100):  # rejection sampling of disjoint placements
        if len(objects) == wanted:
            break
        cls = CLASSES[(first + len(objects)) % len(CLASSES)]
        side = int(rng.integers(min_side, max_side + 1))
        if cls == 'circle':  # an even diameter
            w = h = side - side % 2
        elif cls == 'square':
            w = h = side
        else:  # triangles: width 0.8-1.25 times the height
            w, h = side, int(np.clip(round(side * rng.uniform(0.8, 1.25)), min_side, max_side))
        x1, y1 = int(rng.integers(0, size - w)), int(rng.integers(0, size - h))
        box = (x1, y1, x1 + w, y1 + h)
        if all(_disjoint(box, other) for _, other, _ in objects):
            objects.append((cls, box, False))
    for cls, box, _ in objects:  # colours chosen against the background alone
        draw_shape(image, rng, cls, box, _contrasting_colour(rng, image, box))
    if rng.random() < difficult_prob:  # a tiny shape that the metric ignores
        cls, side = CLASSES[rng.integers(len(CLASSES))], int(rng.integers(6, 11)) // 2 * 2
        x1, y1 = int(rng.integers(0, size - side)), int(rng.integers(0, size - side))
        box = (x1, y1, x1 + side, y1 + side)
        if all(_disjoint(box, other) for _, other, _ in objects):
            draw_shape(image, rng, cls, box, _contrasting_colour(rng, image, box))
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


def dataset_settings(train: int, test: int, seed: int = 0, size: int = 128) -> dict:
    """What ``make_dataset`` records in ``<out>/VOCdevkit/shapes_voc.json``."""
    return dict(version=GENERATOR_VERSION, train=train, test=test, seed=seed, size=size)


def written_settings(out: str) -> Optional[dict]:
    """The settings of the dataset written under ``out``; None if none (or unreadable)."""
    try:
        with open(osp.join(out, 'VOCdevkit', SETTINGS_FILE)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def make_dataset(out: str, train: int, test: int, seed: int = 0, size: int = 128,
                 progress: bool = True) -> str:
    """Write ``<out>/VOCdevkit/VOC2007`` and, last, ``<out>/VOCdevkit/shapes_voc.json``
    (:func:`dataset_settings`); returns the ``VOC2007`` folder."""
    year_root = osp.join(out, 'VOCdevkit', 'VOC2007')
    write_dataset(year_root, train, test, seed, size, progress)
    atomic_write_text(json.dumps(dataset_settings(train, test, seed, size)) + '\n',
                      osp.join(out, 'VOCdevkit', SETTINGS_FILE))
    if progress:
        print(f'\nwrote {train} trainval and {test} test images ({size}x{size}, classes '
              f'{", ".join(CLASSES)}) to {year_root}')
    return year_root
