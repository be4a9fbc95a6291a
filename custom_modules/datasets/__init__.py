"""Datasets read from the official on-disk formats, with clear errors on bad files."""
from .cifar import CIFARPickleDataset, stratified_split

__all__ = ['CIFARPickleDataset', 'stratified_split']
