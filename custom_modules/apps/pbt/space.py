"""The PBT search space: where each hyperparameter lives in a config, and Tune's
search-space, mutation and explore objects built from a config's ``pbt_search`` dict."""
import copy
from typing import Callable, Dict

from custom_modules.errors import ConfigError


def _transform(cfg, type_name: str) -> dict:
    pipeline = cfg.train_dataloader.dataset.get('pipeline') or []
    found = [t for t in pipeline if t.get('type') == type_name]
    if not found:
        raise ConfigError(f'config has no {type_name} in train_dataloader.dataset.pipeline; '
                          f'remove its hyperparameter from pbt_search')
    return found[0]


def _set_min_crop_area(cfg, value):
    crop = _transform(cfg, 'RandomResizedCrop')
    crop['crop_ratio_range'] = (float(value), float(crop.get('crop_ratio_range', (0, 1.0))[1]))


# hyperparameter name -> how it is written into a config
HYPERPARAMETERS: Dict[str, Callable] = {
    'min_crop_area': _set_min_crop_area,
    'erase_prob': lambda cfg, v: _transform(cfg, 'RandomErasing').update(erase_prob=float(v)),
    'drop_path_rate': lambda cfg, v: cfg.model.backbone.update(drop_path_rate=float(v)),
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


def search_space(cfg) -> dict:
    """Tune search-space objects from the config's ``pbt_search`` dict."""
    from ray import tune
    spec = cfg.get('pbt_search')
    if not spec:
        raise ConfigError('config has no `pbt_search` dict (hyperparameter -> '
                          'dict(type=uniform|loguniform|choice, ...)); see '
                          'configs/_base_/cifar100_deit.py')
    space = {}
    for name, dist in spec.items():
        if name not in HYPERPARAMETERS:
            raise ConfigError(f'pbt_search: unknown hyperparameter {name!r}; '
                              f'known: {sorted(HYPERPARAMETERS)}')
        kind = dist.get('type')
        try:
            if kind in ('uniform', 'loguniform'):
                space[name] = getattr(tune, kind)(float(dist['low']), float(dist['high']))
            elif kind == 'choice':
                space[name] = tune.choice(list(dist['values']))
            else:
                raise ConfigError(f'pbt_search.{name}: type must be uniform, loguniform '
                                  f'or choice, got {kind!r}')
        except KeyError as e:
            raise ConfigError(f'pbt_search.{name}: missing {e}') from None
    apply_hyperparameters(copy.deepcopy(cfg), {k: _example(v) for k, v in space.items()})
    return space


def mutations(space: dict) -> dict:
    """PBT's ``hyperparam_mutations``: choices as lists, so that exploring moves
    to a neighbouring value (a ``tune.choice`` would be multiplied by 0.8/1.2)."""
    return {name: list(domain.categories) if hasattr(domain, 'categories') else domain
            for name, domain in space.items()}


def clip_to_space(space: dict) -> Callable:
    """PBT's ``custom_explore_fn``: keep perturbed values (x 0.8 / x 1.2) inside their range."""
    bounds = {name: (domain.lower, domain.upper) for name, domain in space.items()
              if hasattr(domain, 'lower') and not hasattr(domain, 'categories')}

    def explore(config: dict) -> dict:
        for name, (low, high) in bounds.items():
            if name in config:
                config[name] = min(max(config[name], low), high)
        return config
    return explore


def _example(domain):
    return domain.sample() if hasattr(domain, 'sample') else domain
