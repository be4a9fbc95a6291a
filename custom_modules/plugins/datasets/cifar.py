"""CIFAR-10 / CIFAR-100 from the official python pickles.

Exists because mmpretrain's ``CIFAR10``/``CIFAR100`` download by default,
insist on the official md5 of every file, read CIFAR-100's fine labels only
and have no validation split. This dataset never downloads implicitly
(``tools/data/download_cifar.py`` does), keeps the md5 check on by default
with a clear error (``check_md5=False`` for generated or converted data),
reads fine or coarse labels, and holds out a fraction of the official
training set as ``split='val'``: seeded and stratified (default), the last
images of the official order, or as torch's seeded ``random_split`` does.
"""
import os.path as osp
import pickle
from typing import List, Sequence

import numpy as np
import torch
from mmengine.dataset.base_dataset import force_full_init
from mmpretrain.datasets import CIFAR10, CIFAR100
from mmpretrain.datasets.utils import check_md5 as md5_matches
from mmpretrain.registry import DATASETS

from custom_modules.errors import DataError

from .cifar_collate import RawItemsDataset

# file lists, md5s and meta keys of the official releases (kept in mmpretrain)
_OFFICIAL = {'cifar10': CIFAR10, 'cifar100': CIFAR100}
_LABEL_KEYS = {('cifar10', 'fine'): ('labels', 'label_names'),
               ('cifar100', 'fine'): ('fine_labels', 'fine_label_names'),
               ('cifar100', 'coarse'): ('coarse_labels', 'coarse_label_names')}


def stratified_split(labels: Sequence[int], fraction: float, seed: int):
    """Return sorted ``(kept, held_out)`` indices, holding out ``fraction`` of each class."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    held_out = []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        held_out.extend(members[:int(np.floor(fraction * len(members) + 0.5))])
    held_out = np.sort(np.asarray(held_out, dtype=np.int64))
    kept = np.setdiff1d(np.arange(len(labels)), held_out)
    return kept, held_out


def last_split(count: int, fraction: float):
    """``(kept, held_out)``: the last ``round(fraction * count)`` indices are held out."""
    held = int(np.floor(fraction * count + 0.5))
    return np.arange(count - held), np.arange(count - held, count)


def random_split_indices(count: int, fraction: float, seed: int):
    """``(kept, held_out)`` as ``torch.utils.data.random_split(range(count), [count - n, n],
    generator=torch.Generator().manual_seed(seed))`` with ``n = round(fraction * count)``:
    kept = the first ``count - n`` positions of the seeded permutation, held out = the rest
    (both in permutation order)."""
    held = int(np.floor(fraction * count + 0.5))
    order = torch.randperm(count, generator=torch.Generator().manual_seed(seed)).numpy()
    return order[:count - held], order[count - held:]


SPLIT_MODES = ('stratified', 'last', 'random_split')


ROW_BYTES = 3 * 32 * 32  # one image: 32x32 R plane, then G, then B


def _image_rows(path: str, data) -> np.ndarray:
    """``data`` of a batch file as (N, 3072) uint8 rows, or a :class:`DataError` naming the
    file and what is wrong."""
    expected = f'CIFAR rows are {ROW_BYTES} bytes (3x32x32: R, G, B planes)'
    try:
        rows = np.asarray(data)
    except ValueError:  # a list of rows of different lengths
        lengths = [len(row) for row in data]
        bad = next(i for i, n in enumerate(lengths) if n != ROW_BYTES)
        raise DataError(f'CIFAR file {path}: image row {bad} is {lengths[bad]} bytes '
                        f'long; {expected}') from None
    if rows.ndim == 2 and rows.shape[1] != ROW_BYTES:
        raise DataError(f'CIFAR file {path}: image rows are {rows.shape[1]} bytes long; '
                        f'{expected}')
    if rows.ndim != 2:
        raise DataError(f'CIFAR file {path}: "data" has shape {rows.shape}, not '
                        f'(N, {ROW_BYTES}); {expected}, one image per row')
    if rows.dtype != np.uint8 and rows.size and not (
            np.issubdtype(rows.dtype, np.integer) and 0 <= rows.min() <= rows.max() <= 255):
        raise DataError(f'CIFAR file {path}: "data" holds {rows.dtype} values, not the '
                        'bytes (uint8, 0-255) of CIFAR pixels')
    return rows.astype(np.uint8, copy=False)


def _unpickle(path: str) -> dict:
    try:
        with open(path, 'rb') as f:
            return pickle.load(f, encoding='latin1')
    except Exception as e:  # truncated or not a pickle at all
        raise DataError(f'corrupt CIFAR file {path}: cannot unpickle it '
                        f'({type(e).__name__}: {e})') from None


@DATASETS.register_module()
class CIFARPickleDataset(RawItemsDataset):
    """CIFAR from ``data_root/cifar-10-batches-py`` or ``data_root/cifar-100-python``.

    Args:
        data_root (str): Folder that contains the official extracted folder.
        split (str): ``'train'`` (official train minus val), ``'val'``,
            ``'trainval'`` (all official train) or ``'test'``. Defaults to ``'train'``.
        variant (str): ``'cifar10'`` or ``'cifar100'``. Defaults to ``'cifar100'``.
        label_type (str): ``'fine'`` (100 classes) or ``'coarse'`` (20
            superclasses, CIFAR-100 only). Defaults to ``'fine'``.
        val_fraction (float): Fraction held out as ``'val'`` (of each class
            with ``'stratified'``, rounded per class). Defaults to 0.1.
        split_seed (int): Seed of the ``'stratified'`` and ``'random_split'``
            hold-outs. Defaults to 0.
        split_mode (str): How ``'val'`` is chosen from the official training
            set: ``'stratified'`` (``val_fraction`` of each class, seeded),
            ``'last'`` (the last ``round(val_fraction * N)`` images of the
            official order; ``'train'`` = the first ones) or ``'random_split'``
            (torch ``random_split`` with a generator seeded ``split_seed``:
            ``'train'`` = the first ``N - n_val`` positions of the permutation,
            ``'val'`` = the last ``n_val``). Defaults to ``'stratified'``.
        check_md5 (bool): Verify the official md5 of every file. Defaults to True.
        **kwargs: ``BaseDataset``'s other arguments (``pipeline``, ``indices``, ...).

    Example::

        train_dataloader = dict(
            collate_fn=dict(type='cifar_collate'),
            dataset=dict(type='CIFARPickleDataset', data_root='data/cifar100',
                         variant='cifar100', split='train', pipeline=[]))
    """

    SPLITS = ('train', 'val', 'trainval', 'test')

    def __init__(self, data_root: str, split: str = 'train',
                 variant: str = 'cifar100', label_type: str = 'fine',
                 val_fraction: float = 0.1, split_seed: int = 0,
                 split_mode: str = 'stratified', check_md5: bool = True, **kwargs):
        if split not in self.SPLITS:
            raise DataError(f'split must be one of {self.SPLITS}, got {split!r}')
        if (variant, label_type) not in _LABEL_KEYS:
            raise DataError(f'unsupported variant/label_type {variant!r}/{label_type!r}; '
                            f'choose from {sorted(_LABEL_KEYS)}')
        if split_mode not in SPLIT_MODES:
            raise DataError(f'split_mode must be one of {SPLIT_MODES}, got {split_mode!r}')
        if not 0 <= val_fraction < 1:
            raise DataError(f'val_fraction must be in [0, 1), got {val_fraction}')
        self.split, self.variant, self.label_type = split, variant, label_type
        self.val_fraction, self.split_seed = val_fraction, split_seed
        self.split_mode = split_mode
        self.check_md5 = check_md5
        kwargs.setdefault('test_mode', split in ('val', 'test'))
        # the images live in one shared array; items are tiny dicts (no pickling)
        kwargs['serialize_data'] = False
        super().__init__(data_root=data_root, ann_file='', **kwargs)

    @property
    def folder(self) -> str:
        return osp.join(self.data_root, _OFFICIAL[self.variant].base_folder)

    def _checked_path(self, name: str, md5: str) -> str:
        path = osp.join(self.folder, name)
        if not osp.isfile(path):
            raise DataError(
                f'CIFAR file {path} is missing; get the dataset with '
                f'`python tools/data/download_cifar.py --variant {self.variant} '
                f'--root {self.data_root}`')
        if self.check_md5 and not md5_matches(path, md5):
            raise DataError(
                f'CIFAR file {path} does not match the official md5 {md5}; '
                f're-download it, or set check_md5=False for generated data')
        return path

    def load_data_list(self) -> List[dict]:
        if not osp.isdir(self.data_root):
            raise DataError(f'data folder {self.data_root} does not exist')
        official = _OFFICIAL[self.variant]
        label_key, names_key = _LABEL_KEYS[(self.variant, self.label_type)]
        meta = _unpickle(self._checked_path(official.meta['filename'],
                                            official.meta['md5']))
        classes = meta.get(names_key)
        if not classes:
            raise DataError(f'{osp.join(self.folder, official.meta["filename"])} '
                            f'has no {names_key!r} entry')
        self._metainfo.setdefault('classes', tuple(classes))

        files = official.test_list if self.split == 'test' else official.train_list
        images, labels = [], []
        for name, md5 in files:
            path = self._checked_path(name, md5)
            entry = _unpickle(path)
            if 'data' not in entry or label_key not in entry:
                raise DataError(f'CIFAR file {path} lacks the "data" or '
                                f'"{label_key}" entry')
            rows = _image_rows(path, entry['data'])
            if len(entry[label_key]) != len(rows):
                raise DataError(f'CIFAR file {path} has {len(entry[label_key])} '
                                f'"{label_key}" for {len(rows)} image rows; each image '
                                'needs exactly one label (re-create or re-download the file)')
            images.append(rows.reshape(-1, 3, 32, 32))
            labels.extend(int(label) for label in entry[label_key])
        images = np.concatenate(images).transpose(0, 2, 3, 1)  # N, H, W, RGB
        labels = np.asarray(labels, dtype=np.int64)
        bad = np.flatnonzero((labels < 0) | (labels >= len(classes)))
        if len(bad):
            raise DataError(f'{self.folder}: label {labels[bad[0]]} of image '
                            f'{bad[0]} is not one of the {len(classes)} classes')

        indices = np.arange(len(labels))
        if self.split in ('train', 'val'):
            if self.split_mode == 'stratified':
                kept, held_out = stratified_split(labels, self.val_fraction, self.split_seed)
            elif self.split_mode == 'last':
                kept, held_out = last_split(len(labels), self.val_fraction)
            else:
                kept, held_out = random_split_indices(len(labels), self.val_fraction,
                                                      self.split_seed)
            indices = kept if self.split == 'train' else held_out
        if not len(indices):
            raise DataError(f'{self.folder}: the {self.split!r} split has no images '
                            f'(split_mode={self.split_mode!r}, val_fraction='
                            f'{self.val_fraction} of {len(labels)} training images in '
                            f'{len(classes)} classes)')
        # one contiguous array; data_list holds only labels and row numbers
        self._images = np.ascontiguousarray(images[indices])
        self._images.setflags(write=False)  # items are views: no transform may write
        return [dict(gt_label=int(labels[i]), image_index=row)
                for row, i in enumerate(indices)]

    @force_full_init
    def get_data_info(self, idx: int) -> dict:
        info = self.data_list[idx]
        return dict(img=self._images[info['image_index']], gt_label=info['gt_label'],
                    sample_idx=idx)

    def extra_repr(self) -> List[str]:
        return [f'Variant/labels: \t{self.variant}/{self.label_type}',
                f'Split: \t{self.split} ({self.split_mode}, val_fraction {self.val_fraction})',
                f'Prefix of data: \t{self.folder}']
