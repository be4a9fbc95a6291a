"""The plugin layer: modules registered into the mmengine/mmpretrain/mmdet/mmseg registries.

Importing it switches local file writes to atomic ones and makes torch's safe
checkpoint loading accept mmengine's own checkpoints (and nothing that runs
code), then registers everything, one folder per kind: :mod:`.datasets`,
:mod:`.transforms` (pipeline steps), :mod:`.models` (mmpretrain),
:mod:`.mmdet_models` (mmdet heads and RoI layers), :mod:`.hooks`,
:mod:`.evaluation` (metrics) and :mod:`.visualization` (the proposal drawing
``ProposalVisHook`` uses); :mod:`.engine` holds the engine fixes. Each
package's docstring names the registry of each module. Nothing here imports
:mod:`custom_modules.apps`.
"""
from . import (  # noqa: F401
    datasets,
    engine,  # noqa: F401  (safe loading + atomic writes first)
    evaluation,
    hooks,
    mmdet_models,
    models,
    transforms,
    visualization,
)
