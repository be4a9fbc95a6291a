"""Does a checkpoint fit a model? Missing, unexpected and mismatched keys, before loading.

mmengine, mmpretrain's inferencers, ``mmdet.apis.init_detector`` and
``mmseg.apis.init_model`` all load non-strictly: a checkpoint of another model
(or with other shapes) only logs a warning, and evaluation then reports the
numbers of random weights with exit code 0. :func:`check_checkpoint_fits`
compares the checkpoint's ``state_dict`` with the model's and raises a
:class:`~custom_modules.errors.ConfigError` listing the first few offending
keys, unless ``allow_partial``; either way it prints a one-line summary.
"""
from typing import List, NamedTuple

from mmengine.logging import print_log
from mmengine.model import is_model_wrapper
from mmengine.runner.checkpoint import _load_checkpoint

from custom_modules.errors import ConfigError

_SHOWN = 3  # offending keys named per kind


class WeightMismatch(NamedTuple):
    """What differs between a checkpoint and a model (key lists, in model order)."""
    loaded: int
    missing: List[str]
    unexpected: List[str]
    mismatched: List[str]  # 'key: checkpoint (shape) vs model (shape)'

    def __bool__(self):
        return bool(self.missing or self.unexpected or self.mismatched)

    def describe(self) -> str:
        parts = [f'{self.loaded} tensors match']
        for name, keys in (('missing from the checkpoint', self.missing),
                           ('unexpected', self.unexpected),
                           ('with other shapes', self.mismatched)):
            if keys:
                more = f', ... {len(keys) - _SHOWN} more' if len(keys) > _SHOWN else ''
                parts.append(f'{len(keys)} {name} ({"; ".join(keys[:_SHOWN])}{more})')
        return ', '.join(parts)


def weight_mismatch(model, checkpoint: str) -> WeightMismatch:
    """Compare the ``state_dict`` in ``checkpoint`` (safe loading) with ``model``'s."""
    if is_model_wrapper(model):
        model = model.module
    loaded = _load_checkpoint(checkpoint, map_location='cpu')
    weights = loaded.get('state_dict', loaded) if isinstance(loaded, dict) else {}
    weights = {k[len('module.'):] if k.startswith('module.') else k: v
               for k, v in weights.items()}
    expected = model.state_dict()
    mismatched = [f'{k}: checkpoint {tuple(weights[k].shape)} vs model {tuple(v.shape)}'
                  for k, v in expected.items()
                  if k in weights and hasattr(weights[k], 'shape') and weights[k].shape != v.shape]
    return WeightMismatch(
        loaded=sum(k in weights for k in expected) - len(mismatched),
        missing=[k for k in expected if k not in weights],
        unexpected=[k for k in weights if k not in expected],
        mismatched=mismatched)


def check_checkpoint_fits(model, checkpoint: str, allow_partial: bool = False,
                          config: str = '') -> WeightMismatch:
    """Raise unless ``checkpoint`` fits ``model`` exactly (or ``allow_partial``); print a
    one-line summary of what loads."""
    found = weight_mismatch(model, checkpoint)
    of_config = f' (config {config})' if config else ''
    if found and not allow_partial:
        raise ConfigError(f'checkpoint {checkpoint} does not fit the model{of_config}: '
                          f'{found.describe()}; is it a checkpoint of this config? '
                          '--allow-partial loads the tensors that match')
    print_log(f'weights from {checkpoint}: {found.describe()}', logger='current')
    return found
