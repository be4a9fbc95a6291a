"""Tiny image datasets in real on-disk layouts: CUB_200_2011 and a folder of class folders
(the package's generators, :mod:`custom_modules.apps.data.smoke_data`)."""
from custom_modules.apps.data.smoke_data import make_class_folders, make_cub

__all__ = ['make_class_folders', 'make_cub']
