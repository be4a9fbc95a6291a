"""Datasets read from the official on-disk formats, with clear errors on bad files.

By registry: mmpretrain ``CIFARPickleDataset``, ``SyntheticImageDataset`` (and the
mmengine function ``cifar_collate``); mmdet ``CheckedVOCDataset``, ``SyntheticDetDataset``;
mmseg ``SyntheticSegDataset``. Data transforms are in :mod:`..transforms`; the writers of
on-disk datasets (CIFAR pickles, VOCdevkit) in the application layer
(:mod:`custom_modules.apps.data`)."""
from .checked_voc import CheckedVOCDataset
from .cifar import CIFARPickleDataset, stratified_split
from .cifar_collate import cifar_collate
from .synthetic import SyntheticImageDataset
from .synthetic_det import SyntheticDetDataset
from .synthetic_seg import SyntheticSegDataset

__all__ = ['CheckedVOCDataset', 'CIFARPickleDataset', 'cifar_collate', 'stratified_split',
           'SyntheticImageDataset', 'SyntheticDetDataset', 'SyntheticSegDataset']
