"""The plugin layer: modules registered into the mmengine/mmpretrain/mmdet/mmseg registries.

Importing it switches local file writes to atomic ones and makes torch's safe
checkpoint loading accept mmengine's own checkpoints (and nothing that runs
code), then registers the datasets, hooks, metrics, models and visualization
helpers. Nothing here imports :mod:`custom_modules.apps`.
"""
from . import (  # noqa: F401
    datasets,
    engine,  # noqa: F401  (safe loading + atomic writes first)
    evaluation,
    hooks,
    models,
    visualization,
)
