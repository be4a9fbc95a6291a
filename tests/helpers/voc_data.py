"""A tiny VOCdevkit (VOC2007 train/val/trainval/test, VOC2012 trainval) of drawn shapes with
real VOC class names (the package's generator, :mod:`custom_modules.apps.data.smoke_data`)."""
from custom_modules.apps.data.smoke_data import VOC_SHAPES as SHAPES
from custom_modules.apps.data.smoke_data import make_voc_image as make_image
from custom_modules.apps.data.smoke_data import make_vocdevkit

__all__ = ['SHAPES', 'make_image', 'make_vocdevkit']
