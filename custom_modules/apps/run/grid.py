"""Grid search over config values (``tools/grid_search.py``).

``lr`` is short for ``optim_wrapper.optimizer.lr`` and ``epochs`` for
``train_cfg.max_epochs`` (plus the cosine scheduler's ``T_max`` when the
config has one); any dotted config key works too. Each grid point becomes a
small config inheriting the base one (in ``<work root>/grid_<name>/configs``; its
``experiment.method``: the base's method followed by the point, e.g.
``ImageNet-pretrained, lr=0.01``),
:func:`.matrix.run_matrix` trains and tests them, and the points are ranked
by their best validation top-1 in ``grid.md`` / ``grid.csv`` / ``curves.png``
(:func:`~custom_modules.apps.reports.grid.rank_grid_points`).
"""
import itertools
import os
import os.path as osp
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_open

from ..reports.grid import rank_grid_points
from .config import load_config
from .matrix import run_matrix

ALIASES = {'lr': ['optim_wrapper.optimizer.lr'], 'epochs': ['train_cfg.max_epochs']}


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_grid(items: Sequence[str]) -> Dict[str, list]:
    """``['lr=0.1,0.2', 'epochs=5']`` -> ``{'lr': [0.1, 0.2], 'epochs': [5]}``."""
    grid = {}
    for item in items:
        key, _, values = item.partition('=')
        if not key or not values:
            raise UserInputError(f'--grid {item!r} is not KEY=V1,V2,...')
        grid[key] = [_value(v) for v in values.split(',')]
    return grid


def nested(assignments: dict) -> dict:
    """{'a.b': 1} -> {'a': {'b': 1}}"""
    tree = {}
    for dotted, value in assignments.items():
        node = tree
        *parents, leaf = dotted.split('.')
        for name in parents:
            node = node.setdefault(name, {})
        node[leaf] = value
    return tree


def write_point_configs(config: str, grid: Dict[str, list], folder: str) -> List[Tuple]:
    """One config per grid point in ``folder``; ``[(name, {key: value}), ...]``."""
    base = load_config(config)
    has_t_max = isinstance(base.get('param_scheduler'), dict) and 'T_max' in base.param_scheduler
    base_method = (base.get('experiment') or {}).get('method')
    stem = osp.splitext(osp.basename(config))[0]
    os.makedirs(folder, exist_ok=True)
    points = []
    for values in itertools.product(*grid.values()):
        point = dict(zip(grid, values))
        assignments = {}
        for key, value in point.items():
            for target in ALIASES.get(key, [key]):
                assignments[target] = value
            if key == 'epochs' and has_t_max:
                assignments['param_scheduler.T_max'] = value
        name = stem + ''.join(f'_{key.split(".")[-1]}{value}' for key, value in point.items())
        method = ', '.join([*([base_method] if base_method else []),
                            *(f'{k}={v}' for k, v in point.items())])
        with atomic_open(osp.join(folder, f'{name}.py')) as f:
            f.write(f'_base_ = [{osp.abspath(config)!r}]\n')
            for key, value in nested(assignments).items():
                f.write(f'{key} = {value!r}\n')
            f.write(f'experiment = dict(method={method!r})\n')
        points.append((name, point))
    return points


def run_grid(config: str, grid_items: Sequence[str], work_root: str = 'work_dirs',
             gpus: int = 1, run_configs: Optional[Callable] = None) -> List[str]:
    """Run every grid point, then rank them; returns the points that failed (none: ranked).
    ``run_configs(configs, work_root)``: what runs the points' configs and returns the names
    that failed (default :func:`.matrix.run_matrix` on ``gpus``; e.g. the Ray matrix)."""
    grid = parse_grid(grid_items)
    stem = osp.splitext(osp.basename(config))[0]
    out = osp.join(work_root, f'grid_{stem}')
    points = write_point_configs(config, grid, osp.join(out, 'configs'))
    configs = [osp.join(out, 'configs', f'{name}.py') for name, _ in points]
    failed = (run_configs(configs, work_root) if run_configs
              else run_matrix(configs, work_root, gpus))
    if failed:
        return failed
    rank_grid_points(points, list(grid), work_root, out, title=f'grid search: {stem}')
    return []
