"""A tiny VOCdevkit (VOC2007 train/val/trainval/test, VOC2012 trainval) of drawn shapes with
real VOC class names."""
import os.path as osp

import numpy as np

from custom_modules.apps.data import shapes_voc
from custom_modules.apps.data.voc_writer import write_split, write_voc_image

# VOC class -> the shape drawn for it (by tools/data/make_shapes_voc.py); objects >= 40 px
SHAPES = {'car': 'square', 'dog': 'circle', 'cat': 'triangle'}


def make_image(rng, height=96, width=128, difficult_every=3, index=0):
    image = rng.integers(0, 60, (height, width, 3), dtype=np.uint8)
    objects = []
    classes = list(SHAPES)
    for k, x0 in enumerate((2, width // 2 + 2)):
        cls = classes[(index + k) % len(classes)]
        size = int(rng.integers(40, min(height, width // 2) - 4))
        y0 = int(rng.integers(0, height - size))
        box = (x0, y0, x0 + size - 1, y0 + size - 1)
        shapes_voc.draw_shape(image, rng, SHAPES[cls], box)
        objects.append((cls, box, index % difficult_every == 0 and k == 1))
    return image, objects


def make_vocdevkit(root, per_split=4, seed=0, years=('2007', '2012')):
    """Write ``root/VOC2007`` (trainval = train + val, test) and ``root/VOC2012`` (trainval);
    returns ``root``."""
    rng = np.random.default_rng(seed)
    for year in years:
        year_root = osp.join(str(root), f'VOC{year}')
        splits = ('trainval', 'test') if year == '2007' else ('trainval',)
        for s, split in enumerate(splits):
            names = [f'{year}_{s}{i:04d}' for i in range(per_split)]
            for i, name in enumerate(names):
                image, objects = make_image(rng, index=i)
                write_voc_image(year_root, name, image, objects)
            write_split(year_root, split, names)
            if (year, split) == ('2007', 'trainval'):  # train / val: its two halves
                half = (len(names) + 1) // 2
                write_split(year_root, 'train', names[:half])
                write_split(year_root, 'val', names[half:])
    return str(root)
