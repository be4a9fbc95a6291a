"""mmpretrain annotation files for a folder of class folders (``animals/cat/*.jpg``).

``classes.txt`` (one class per line, sorted), ``train.txt`` and ``val.txt``
(``<class>/<path inside it> <label>`` per line; images in nested folders are
included, as mmpretrain's ``CustomDataset`` scans recursively). Two splits:

* ``'shuffle'`` (default; report 003's dataset script): all ``(path, label)`` rows,
  class by class in label order and sorted within a class, get one global shuffle
  (Python's ``random.Random(seed).shuffle``); training = the first
  ``int((1 - val_fraction) * N)`` rows, validation = the rest. Not stratified: a class
  may have more or fewer than ``val_fraction`` of its images in validation.
* ``'per-class'``: ``val_fraction`` of each class held out with the datasets' own
  :func:`stratified_split`.

Unreadable images are left out and reported, a class folder without a readable image
is an error. The three files are replaced together or not at all.
"""
import os
import os.path as osp
import random
from typing import Dict, List, Tuple

import numpy as np

from custom_modules.errors import DataError, UserInputError
from custom_modules.plugins.datasets import stratified_split
from custom_modules.plugins.datasets.image_files import (
    IMAGE_EXTENSIONS,
    is_image_file,
    is_readable_image,
)
from custom_modules.plugins.engine.atomic_local_backend import atomic_write_bytes


def _image_files(folder: str) -> List[str]:
    """Image files under ``folder`` and its sub-folders, relative to it, sorted."""
    return sorted(osp.relpath(osp.join(here, f), folder)
                  for here, _, files in os.walk(folder, followlinks=True)
                  for f in files if is_image_file(f))


def scan(root: str) -> Tuple[List[str], Dict[str, List[str]], List[str]]:
    """Return ``(classes, {class: [relative paths]}, [unreadable paths])``."""
    if not osp.isdir(root):
        raise DataError(f'{root} is not a folder')
    classes = sorted(d for d in os.listdir(root) if osp.isdir(osp.join(root, d)))
    if not classes:
        raise DataError(f'{root} has no class folders (expected {root}/<class>/<image>)')
    images, unreadable = {}, []
    for name in classes:
        folder = osp.join(root, name)
        files = _image_files(folder)
        images[name] = []
        for f in files:
            if is_readable_image(osp.join(folder, f)):
                images[name].append(f'{name}/{f}')
            else:
                unreadable.append(osp.join(folder, f))
        if not images[name]:
            why = (f'none of its {len(files)} image files can be read' if files else
                   f'no files ending in {" ".join(IMAGE_EXTENSIONS)}')
            raise DataError(f'class folder {folder} has no images ({why}); add images or '
                            f'move the folder out of {root}')
    return classes, images, unreadable


SPLITS = ('shuffle', 'per-class')


def split(classes, images, val_fraction: float, seed: int, mode: str = 'shuffle'):
    """``(train, val)`` lists of ``(path, label)`` (see the module docstring for ``mode``)."""
    if mode not in SPLITS:
        raise UserInputError(f'split must be one of {", ".join(SPLITS)}, got {mode!r}')
    if not 0 <= val_fraction < 1:
        raise UserInputError(f'val_fraction must be in [0, 1), got {val_fraction}')
    rows = [(path, label) for label, name in enumerate(classes) for path in images[name]]
    if mode == 'shuffle':
        random.Random(seed).shuffle(rows)
        num_train = int((1 - val_fraction) * len(rows))
        return rows[:num_train], rows[num_train:]
    train_idx, val_idx = stratified_split([label for _, label in rows], val_fraction, seed)
    order = np.random.default_rng(seed).permutation(train_idx)
    return [rows[i] for i in order], [rows[i] for i in val_idx]


def _write_all(files: Dict[str, str]) -> None:
    """Write ``{path: text}`` so that all files change or none: each goes to a staged file
    next to it first (atomically, with plain ``open()`` permissions), then all are renamed."""
    staged = {path: osp.join(osp.dirname(path), f'.{osp.basename(path)}.{os.getpid()}.new')
              for path in files}
    try:
        for path, text in files.items():
            atomic_write_bytes(text.encode('utf-8'), staged[path])
        for path in files:
            os.replace(staged[path], path)
    finally:
        for path in staged.values():
            if osp.exists(path):
                os.remove(path)


def write_annotations(root: str, val_fraction: float = 0.2, seed: int = 0, out: str = None,
                      mode: str = 'shuffle'):
    """Write the three files into ``out`` (default ``root``); returns the scan and the split."""
    classes, images, unreadable = scan(root)
    train, val = split(classes, images, val_fraction, seed, mode)
    out = out or root
    os.makedirs(out, exist_ok=True)
    _write_all({osp.join(out, 'classes.txt'): ''.join(f'{name}\n' for name in classes),
                **{osp.join(out, name): ''.join(f'{path} {label}\n' for path, label in rows)
                   for name, rows in (('train.txt', train), ('val.txt', val))}})
    return dict(classes=classes, images=images, unreadable=unreadable, train=train, val=val,
                out=out)
