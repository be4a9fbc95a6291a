"""mmpretrain annotation files for a folder of class folders (``animals/cat/*.jpg``).

``classes.txt`` (one class per line, sorted), ``train.txt`` and ``val.txt``
(``<class>/<file> <label>`` per line), split per class with the datasets'
own :func:`stratified_split`; unreadable images are left out and reported.
"""
import os
import os.path as osp
from typing import Dict, List, Tuple

import numpy as np

from custom_modules.errors import DataError
from custom_modules.plugins.datasets import stratified_split
from custom_modules.plugins.datasets.image_files import is_image_file, is_readable_image


def scan(root: str) -> Tuple[List[str], Dict[str, List[str]], List[str]]:
    """Return ``(classes, {class: [relative paths]}, [unreadable paths])``."""
    if not osp.isdir(root):
        raise DataError(f'{root} is not a folder')
    classes = sorted(d for d in os.listdir(root) if osp.isdir(osp.join(root, d)))
    if not classes:
        raise DataError(f'{root} has no class folders (expected {root}/<class>/<image>)')
    images, unreadable = {}, []
    for name in classes:
        files = sorted(f for f in os.listdir(osp.join(root, name)) if is_image_file(f))
        images[name] = []
        for f in files:
            if is_readable_image(osp.join(root, name, f)):
                images[name].append(f'{name}/{f}')
            else:
                unreadable.append(osp.join(root, name, f))
    return classes, images, unreadable


def split(classes, images, val_fraction: float, seed: int):
    """``(train, val)`` lists of ``(path, label)``: ``val_fraction`` of each class held out,
    the training rows shuffled with ``seed``."""
    rows = [(path, label) for label, name in enumerate(classes) for path in images[name]]
    train_idx, val_idx = stratified_split([label for _, label in rows], val_fraction, seed)
    order = np.random.default_rng(seed).permutation(train_idx)
    return [rows[i] for i in order], [rows[i] for i in val_idx]


def _write_lines(path: str, lines: List[str]) -> None:
    """Write through a temporary file and a rename: never a cut file."""
    tmp = f'{path}.tmp'
    with open(tmp, 'w') as f:
        f.writelines(lines)
    os.replace(tmp, path)


def write_annotations(root: str, val_fraction: float = 0.2, seed: int = 0, out: str = None):
    """Write the three files into ``out`` (default ``root``); returns the scan and the split."""
    classes, images, unreadable = scan(root)
    train, val = split(classes, images, val_fraction, seed)
    out = out or root
    os.makedirs(out, exist_ok=True)
    _write_lines(osp.join(out, 'classes.txt'), [f'{name}\n' for name in classes])
    for name, rows in (('train.txt', train), ('val.txt', val)):
        _write_lines(osp.join(out, name), [f'{path} {label}\n' for path, label in rows])
    return dict(classes=classes, images=images, unreadable=unreadable, train=train, val=val,
                out=out)
