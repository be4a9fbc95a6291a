"""Datasets read from the official on-disk formats, with clear errors on bad files."""
from .cifar import CIFARPickleDataset, stratified_split
from .cifar_collate import cifar_collate

__all__ = ['CIFARPickleDataset', 'cifar_collate', 'stratified_split']
