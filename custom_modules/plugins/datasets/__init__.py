"""Datasets read from the official on-disk formats, with clear errors on bad files."""
from .checked_voc import CheckedVOCDataset
from .cifar import CIFARPickleDataset, stratified_split
from .cifar_collate import cifar_collate
from .keep_aspect_resized_crop import KeepAspectRandomResizedCrop
from .synthetic import SyntheticImageDataset
from .synthetic_det import SyntheticDetDataset
from .synthetic_seg import SyntheticSegDataset
from .torchvision_random_erasing import TorchvisionRandomErasing

__all__ = ['CheckedVOCDataset', 'CIFARPickleDataset', 'cifar_collate', 'stratified_split',
           'SyntheticImageDataset', 'SyntheticDetDataset', 'SyntheticSegDataset',
           'KeepAspectRandomResizedCrop', 'TorchvisionRandomErasing']
