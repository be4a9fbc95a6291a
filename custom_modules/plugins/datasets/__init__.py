"""Datasets read from the official on-disk formats, with clear errors on bad files."""
from .box_safe_random_crop import BoxSafeRandomCrop
from .checked_voc import CheckedVOCDataset
from .cifar import CIFARPickleDataset, stratified_split
from .cifar_collate import cifar_collate
from .hsv_random_aug import HSVRandomAug
from .keep_aspect_resized_crop import KeepAspectRandomResizedCrop
from .letterbox import Letterbox
from .letterbox_jitter import LetterboxJitter
from .synthetic import SyntheticImageDataset
from .synthetic_det import SyntheticDetDataset
from .synthetic_seg import SyntheticSegDataset
from .torchvision_color_jitter import TorchvisionColorJitter
from .torchvision_random_erasing import TorchvisionRandomErasing

__all__ = ['CheckedVOCDataset', 'CIFARPickleDataset', 'cifar_collate', 'stratified_split',
           'SyntheticImageDataset', 'SyntheticDetDataset', 'SyntheticSegDataset',
           'KeepAspectRandomResizedCrop', 'TorchvisionRandomErasing',
           'HSVRandomAug', 'Letterbox', 'LetterboxJitter', 'BoxSafeRandomCrop',
           'TorchvisionColorJitter']
