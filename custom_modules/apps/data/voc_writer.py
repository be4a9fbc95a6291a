"""Write images and annotations in the Pascal VOCdevkit layout (generated demo data and tests).

``VOCdevkit/VOC<year>/{JPEGImages/<id>.jpg, Annotations/<id>.xml, ImageSets/Main/<split>.txt}``,
boxes 1-based inclusive as in the official XML; mmdet's ``VOCDataset`` reads the result as is.
"""
import os
import os.path as osp
import xml.etree.ElementTree as ET
from typing import Iterable, Sequence, Tuple

import cv2
import numpy as np

from custom_modules.plugins.engine.atomic_files import (
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
)

# (class name, (x1, y1, x2, y2) 0-based pixel box, difficult flag)
VOCObject = Tuple[str, Sequence[float], bool]


def _add(parent: ET.Element, tag: str, text) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = str(text)
    return child


def annotation_xml(name: str, width: int, height: int, objects: Iterable[VOCObject]) -> bytes:
    root = ET.Element('annotation')
    _add(root, 'folder', 'VOC')
    _add(root, 'filename', f'{name}.jpg')
    size = ET.SubElement(root, 'size')
    for tag, value in (('width', width), ('height', height), ('depth', 3)):
        _add(size, tag, value)
    for cls, (x1, y1, x2, y2), difficult in objects:
        obj = ET.SubElement(root, 'object')
        _add(obj, 'name', cls)
        _add(obj, 'pose', 'Unspecified')
        _add(obj, 'truncated', 0)
        _add(obj, 'difficult', int(bool(difficult)))
        box = ET.SubElement(obj, 'bndbox')
        for tag, value in (('xmin', x1), ('ymin', y1), ('xmax', x2), ('ymax', y2)):
            _add(box, tag, int(round(value)) + 1)
    return ET.tostring(root)


def write_voc_image(year_root: str, name: str, image_bgr: np.ndarray,
                    objects: Iterable[VOCObject]) -> None:
    """Write ``JPEGImages/<name>.jpg`` and ``Annotations/<name>.xml`` under
    ``VOCdevkit/VOC<year>``."""
    for folder in ('JPEGImages', 'Annotations'):
        os.makedirs(osp.join(year_root, folder), exist_ok=True)
    with atomic_path(osp.join(year_root, 'JPEGImages', f'{name}.jpg')) as tmp_jpg:
        if not cv2.imwrite(tmp_jpg, image_bgr):
            raise OSError(f'could not write {name}.jpg under {year_root}')
    height, width = image_bgr.shape[:2]
    atomic_write_bytes(annotation_xml(name, width, height, objects),
                       osp.join(year_root, 'Annotations', f'{name}.xml'))


def write_split(year_root: str, split: str, names: Iterable[str]) -> str:
    """Write ``ImageSets/Main/<split>.txt`` (one image id per line); returns its path."""
    folder = osp.join(year_root, 'ImageSets', 'Main')
    os.makedirs(folder, exist_ok=True)
    path = osp.join(folder, f'{split}.txt')
    atomic_write_text(''.join(f'{name}\n' for name in names), path)
    return path
