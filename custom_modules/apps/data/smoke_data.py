"""Tiny generated datasets in the real on-disk formats, for smoke runs and tests: the
CIFAR python pickles, CUB_200_2011, a folder of class folders, a VOCdevkit of drawn
shapes with real VOC class names, and Cityscapes. ``tools/reproduce.py --smoke`` trains
every config of a report on these; the tests use the same writers."""
import os
import os.path as osp

import numpy as np
from PIL import Image

from . import shapes_voc
from .cifar_writer import synthetic_rows, write_cifar10, write_cifar100
from .voc_writer import write_split, write_voc_image


def make_cifar10(root, per_class_train=6, per_class_test=2, seed=0):
    """Write ``root/cifar-10-batches-py`` with 10 classes; returns the folder."""
    train = np.random.default_rng(seed).permutation(np.repeat(np.arange(10), per_class_train))
    test = np.repeat(np.arange(10), per_class_test)
    return write_cifar10(str(root), synthetic_rows(train, seed), train,
                         synthetic_rows(test, seed + 1), test, [f'class{c}' for c in range(10)])


def make_cifar100(root, per_class_train=2, per_class_test=1, seed=0):
    """Write ``root/cifar-100-python`` with 100 fine / 20 coarse classes; returns the folder."""
    train = np.random.default_rng(seed).permutation(np.repeat(np.arange(100), per_class_train))
    test = np.repeat(np.arange(100), per_class_test)
    return write_cifar100(str(root), synthetic_rows(train, seed), train,
                          synthetic_rows(test, seed + 1), test,
                          [f'fine{c}' for c in range(100)], [f'coarse{c}' for c in range(20)],
                          np.arange(100) // 5)


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


# VOC class -> the shape drawn for it (by tools/data/make_shapes_voc.py); objects >= 40 px
VOC_SHAPES = {'car': 'square', 'dog': 'circle', 'cat': 'triangle'}


def make_voc_image(rng, height=96, width=128, difficult_every=3, index=0):
    """An image with two drawn objects of VOC classes, and ``[(class, box, difficult)]``."""
    image = rng.integers(0, 60, (height, width, 3), dtype=np.uint8)
    objects = []
    classes = list(VOC_SHAPES)
    for k, x0 in enumerate((2, width // 2 + 2)):
        cls = classes[(index + k) % len(classes)]
        size = int(rng.integers(40, min(height, width // 2) - 4))
        y0 = int(rng.integers(0, height - size))
        box = (x0, y0, x0 + size - 1, y0 + size - 1)
        shapes_voc.draw_shape(image, rng, VOC_SHAPES[cls], box)
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
                image, objects = make_voc_image(rng, index=i)
                write_voc_image(year_root, name, image, objects)
            write_split(year_root, split, names)
            if (year, split) == ('2007', 'trainval'):  # train / val: its two halves
                half = (len(names) + 1) // 2
                write_split(year_root, 'train', names[:half])
                write_split(year_root, 'val', names[half:])
    return str(root)


CITYSCAPES_CITY = 'aachen'


def street_scene(rng, height, width):
    """A 'street' (train ids: sky, building and road bands, a car box) and its image."""
    labels = np.full((height, width), 0, np.uint8)           # road
    labels[:height // 3] = 10                                  # sky
    labels[height // 3:height // 2] = 2                        # building
    x = int(rng.integers(0, width // 2))
    labels[height // 2:height * 3 // 4, x:x + width // 4] = 13  # car
    labels[-2:] = 255                                          # ignored border
    image = (labels[..., None] * np.array([11, 7, 5], np.uint8) % 200).astype(np.uint8)
    image = np.clip(image + rng.integers(0, 40, image.shape), 0, 255).astype(np.uint8)
    return image, labels


def make_cityscapes(root, per_split=4, height=64, width=128, seed=0):
    """leftImg8bit/{train,val}/<city>/*_leftImg8bit.png, gtFine/.../*_gtFine_labelTrainIds.png."""
    rng = np.random.default_rng(seed)
    for split in ('train', 'val'):
        for k in range(per_split):
            stem = f'{CITYSCAPES_CITY}_{k:06d}_000019'
            image, labels = street_scene(rng, height, width)
            for folder, suffix, array in (('leftImg8bit', 'leftImg8bit', image),
                                          ('gtFine', 'gtFine_labelTrainIds', labels)):
                path = osp.join(root, folder, split, CITYSCAPES_CITY, f'{stem}_{suffix}.png')
                os.makedirs(osp.dirname(path), exist_ok=True)
                Image.fromarray(array).save(path)
    return root


CAMVID_RGB = dict(Sky=(128, 128, 128), Building=(128, 0, 0), Road=(128, 64, 128),
                  Car=(64, 0, 128), Void=(0, 0, 0), Truck_Bus=(192, 128, 192))


def make_camvid(root, count=3, height=48, width=64, seed=0):
    """ROOT/test/*.png with colour labels ROOT/test_labels/*_L.png (CamVid's RGB class colours)."""
    rng = np.random.default_rng(seed)
    for folder in ('test', 'test_labels'):
        os.makedirs(osp.join(root, folder), exist_ok=True)
    for k in range(count):
        label = np.zeros((height, width, 3), np.uint8)
        label[:] = CAMVID_RGB['Road']
        label[:height // 3] = CAMVID_RGB['Sky']
        label[height // 3:height // 2] = CAMVID_RGB['Building']
        label[height // 2:, k * 8:k * 8 + 12] = CAMVID_RGB['Car']
        label[height // 2:, -10:] = CAMVID_RGB['Truck_Bus']
        label[-3:] = CAMVID_RGB['Void']
        name = f'0001TP_{8550 + 30 * k:06d}'
        Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8)).save(
            osp.join(root, 'test', f'{name}.png'))
        Image.fromarray(label).save(osp.join(root, 'test_labels', f'{name}_L.png'))
    return root
