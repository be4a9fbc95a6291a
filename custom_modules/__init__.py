"""Modules this repo adds to OpenMMLab, loaded by configs via ``custom_imports``.

Importing the package registers the datasets, hooks and models into the
registries of mmengine / mmpretrain / mmdet / mmseg, switches local file writes
to atomic ones and makes torch's safe checkpoint loading accept mmengine's own
checkpoints (and nothing that runs code).
"""
from . import engine  # noqa: F401  (safe loading + atomic writes first)
from . import datasets, evaluation, hooks, models, visualization  # noqa: F401
