"""Data transforms (pipeline steps) by registry: mmpretrain ``KeepAspectRandomResizedCrop``,
``TorchvisionRandomErasing``; mmdet ``BoxSafeRandomCrop``, ``HSVRandomAug``, ``Letterbox``,
``LetterboxJitter``, ``TorchvisionColorJitter`` (:mod:`.box_filter`: the small-box rule two
of them share)."""
from .box_safe_random_crop import BoxSafeRandomCrop
from .hsv_random_aug import HSVRandomAug
from .keep_aspect_resized_crop import KeepAspectRandomResizedCrop
from .letterbox import Letterbox
from .letterbox_jitter import LetterboxJitter
from .torchvision_color_jitter import TorchvisionColorJitter
from .torchvision_random_erasing import TorchvisionRandomErasing

__all__ = ['BoxSafeRandomCrop', 'HSVRandomAug', 'KeepAspectRandomResizedCrop', 'Letterbox',
           'LetterboxJitter', 'TorchvisionColorJitter', 'TorchvisionRandomErasing']
