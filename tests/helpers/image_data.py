"""Tiny image datasets in real on-disk layouts: CUB_200_2011 and a folder of class folders."""
import os
import os.path as osp

import numpy as np
from PIL import Image


def _jpeg(path, label, rng, size=48):
    image = rng.integers(0, 80, (size, size, 3), dtype=np.uint8)
    image[:, (label * 7) % size:(label * 7) % size + 6] = 255  # a class-dependent stripe
    os.makedirs(osp.dirname(path), exist_ok=True)
    Image.fromarray(image).save(path, quality=90)


def make_cub(root, num_classes=4, per_class=4, seed=0):
    """``root`` in the CUB_200_2011 layout with a few classes (labels 1-based, 200 names)."""
    rng = np.random.default_rng(seed)
    lines = {'images.txt': [], 'image_class_labels.txt': [], 'train_test_split.txt': []}
    image_id = 0
    for label in range(1, num_classes + 1):
        folder = f'{label:03d}.Bird_{label}'
        for k in range(per_class):
            image_id += 1
            rel = f'{folder}/Bird_{label}_{k:04d}.jpg'
            _jpeg(osp.join(root, 'images', rel), label, rng)
            lines['images.txt'].append(f'{image_id} {rel}')
            lines['image_class_labels.txt'].append(f'{image_id} {label}')
            lines['train_test_split.txt'].append(f'{image_id} {int(k % 2 == 0)}')
    lines['classes.txt'] = [f'{i} {i:03d}.Bird_{i}' for i in range(1, 201)]
    for name, rows in lines.items():
        with open(osp.join(root, name), 'w') as f:
            f.write('\n'.join(rows) + '\n')
    return root


def make_class_folders(root, classes=('cat', 'dog', 'fox'), per_class=5, seed=0, corrupt=True):
    """``root/<class>/*.jpg``; with ``corrupt`` one file is not a decodable image."""
    rng = np.random.default_rng(seed)
    for label, name in enumerate(classes):
        for k in range(per_class):
            _jpeg(osp.join(root, name, f'{name}_{k}.jpg'), label, rng)
    bad = osp.join(root, classes[0], 'broken.jpg')
    if corrupt:
        with open(bad, 'wb') as f:
            f.write(b'\xff\xd8\xff\xe0 this is not really a jpeg')
    return root, bad
