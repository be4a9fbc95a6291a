"""Datasets read from the official on-disk formats, with clear errors on bad files."""
from .checked_voc import CheckedVOCDataset
from .cifar import CIFARPickleDataset, stratified_split
from .cifar_collate import cifar_collate
from .synthetic import SyntheticImageDataset

__all__ = ['CheckedVOCDataset', 'CIFARPickleDataset', 'cifar_collate', 'stratified_split',
           'SyntheticImageDataset']
