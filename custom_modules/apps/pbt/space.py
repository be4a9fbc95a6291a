"""The PBT search space: where each hyperparameter lives in a config, its prior (from the
config's ``pbt_search`` dict), the initial draw of every member and the explore step.

Explore follows Ray Tune 1.x's PBT (the original of report 001): each continuous value
is resampled from its prior with probability ``resample_probability``, otherwise
multiplied by 1.2 or 0.8 (equal odds); a value from a list is resampled with that
probability, otherwise moved to the neighbouring entry (down/up with equal odds, clamped
at the ends). Nothing is clipped to the prior's range: only :data:`CAPS` limit what a
value does when it is written into a config (the explored value itself is kept, so a
later x0.8 starts from it, as in the original).
"""
import copy
import math
import random
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Sequence

from custom_modules.errors import ConfigError

CROP_TYPES = ('RandomResizedCrop', 'KeepAspectRandomResizedCrop')
ERASE_TYPES = ('RandomErasing', 'TorchvisionRandomErasing')
# hyperparameter -> the largest value a config gets (the original's min(cap, value) at use)
CAPS = {'min_crop_area': 0.99, 'erase_prob': 1.0, 'drop_path_rate': 0.99}


def _transform(cfg, type_names: Sequence[str]) -> dict:
    pipeline = cfg.train_dataloader.dataset.get('pipeline') or []
    found = [t for t in pipeline if t.get('type') in type_names]
    if not found:
        raise ConfigError(f'config has no {" or ".join(type_names)} in '
                          f'train_dataloader.dataset.pipeline; remove its hyperparameter '
                          f'from pbt_search')
    return found[0]


def _capped(name: str, value) -> float:
    return min(float(value), CAPS.get(name, math.inf))


def _set_min_crop_area(cfg, value):
    crop = _transform(cfg, CROP_TYPES)
    high = float(crop.get('crop_ratio_range', (0, 1.0))[1])
    crop['crop_ratio_range'] = (min(_capped('min_crop_area', value), high), high)


# hyperparameter name -> how it is written into a config
HYPERPARAMETERS: Dict[str, Callable] = {
    'min_crop_area': _set_min_crop_area,
    'erase_prob': lambda cfg, v: _transform(cfg, ERASE_TYPES).update(
        erase_prob=_capped('erase_prob', v)),
    'drop_path_rate': lambda cfg, v: cfg.model.backbone.update(
        drop_path_rate=_capped('drop_path_rate', v)),
    'lr': lambda cfg, v: cfg.optim_wrapper.optimizer.update(lr=float(v)),
    'weight_decay': lambda cfg, v: cfg.optim_wrapper.optimizer.update(weight_decay=float(v)),
    'batch_size': lambda cfg, v: cfg.train_dataloader.update(batch_size=int(v)),
}


def apply_hyperparameters(cfg, params: dict):
    """Write ``params`` (names of :data:`HYPERPARAMETERS`) into ``cfg`` in place."""
    for name, value in params.items():
        if name in HYPERPARAMETERS:
            HYPERPARAMETERS[name](cfg, value)
    return cfg


@dataclass(frozen=True)
class Prior:
    """One hyperparameter's prior: ``uniform``/``loguniform`` on [low, high] or ``choice``."""
    kind: str
    low: float = 0.0
    high: float = 0.0
    values: tuple = ()

    def sample(self, rng=random):
        if self.kind == 'uniform':
            return rng.uniform(self.low, self.high)
        if self.kind == 'loguniform':
            return math.exp(rng.uniform(math.log(self.low), math.log(self.high)))
        return rng.choice(self.values)

    def __call__(self, _spec=None):  # as a Tune ``sample_from`` function
        return self.sample()


def priors(cfg) -> Dict[str, Prior]:
    """The priors of the config's ``pbt_search`` dict, checked against the config."""
    spec = cfg.get('pbt_search')
    if not spec:
        raise ConfigError('config has no `pbt_search` dict (hyperparameter -> '
                          'dict(type=uniform|loguniform|choice, ...)); see '
                          'configs/_base_/cifar100_deit-pbt.py')
    found = {}
    for name, dist in spec.items():
        if name not in HYPERPARAMETERS:
            raise ConfigError(f'pbt_search: unknown hyperparameter {name!r}; '
                              f'known: {sorted(HYPERPARAMETERS)}')
        kind = dist.get('type')
        try:
            if kind in ('uniform', 'loguniform'):
                low, high = float(dist['low']), float(dist['high'])
                if not low <= high or (kind == 'loguniform' and low <= 0):
                    raise ConfigError(f'pbt_search.{name}: need 0 < low <= high '
                                      f'(low <= high for uniform), got {low}, {high}')
                found[name] = Prior(kind, low, high)
            elif kind == 'choice':
                values = tuple(dist['values'])
                if not values:
                    raise ConfigError(f'pbt_search.{name}: empty values')
                found[name] = Prior(kind, values=values)
            else:
                raise ConfigError(f'pbt_search.{name}: type must be uniform, loguniform '
                                  f'or choice, got {kind!r}')
        except KeyError as e:
            raise ConfigError(f'pbt_search.{name}: missing {e}') from None
    apply_hyperparameters(copy.deepcopy(cfg), {k: p.sample() for k, p in found.items()})
    return found


def search_space(cfg) -> dict:
    """Tune's ``param_space``: every member draws each hyperparameter from its prior."""
    from ray import tune
    return {name: tune.sample_from(prior) for name, prior in priors(cfg).items()}


def explore(config: dict, space: Dict[str, Prior], rng=random,
            resample_probability: float = 0.25, factors=(1.2, 0.8)) -> dict:
    """A copy of ``config`` with every hyperparameter of ``space`` explored (module doc)."""
    new = dict(config)
    for name, prior in space.items():
        if name not in config:
            continue
        value = config[name]
        if prior.kind == 'choice':
            if rng.random() < resample_probability or value not in prior.values:
                new[name] = rng.choice(prior.values)
            else:
                index = prior.values.index(value) + rng.choice((-1, 1))
                new[name] = prior.values[min(max(index, 0), len(prior.values) - 1)]
        elif rng.random() < resample_probability:
            new[name] = prior.sample(rng)
        else:
            new[name] = value * rng.choice(factors)
    return new


def print_line(line: str) -> None:
    """``print`` by name at call time: Ray Tune pickles the explore function, and Ray
    replaces ``builtins.print`` in the driver, so the original object cannot be pickled."""
    print(line, flush=True)


def explorer(space: Dict[str, Prior], resample_probability: float = 0.25,
             log: Optional[Callable[[str], None]] = print_line) -> Callable[[dict], dict]:
    """PBT's ``custom_explore_fn`` (the scheduler gets no ``hyperparam_mutations``)."""
    def explore_member(config: dict) -> dict:
        new = explore(config, space, resample_probability=resample_probability)
        if log:
            log('PBT explore: ' + ', '.join(f'{k} {config.get(k)!r} -> {new[k]!r}'
                                             for k in space if k in new))
        return new
    return explore_member
