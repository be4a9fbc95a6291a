"""Grid search over config values (e.g. learning rate x epochs) with tools/run_matrix.py.

    python tools/grid_search.py configs/cub/resnet18_1xb32-pretrained_cub200.py \
        --grid lr=0.005,0.01,0.02 --grid epochs=20 [--gpus 4]

``lr`` is short for optim_wrapper.optimizer.lr and ``epochs`` for
train_cfg.max_epochs (plus the cosine scheduler's T_max when the config has
one); any dotted config key works too. Each grid point becomes a small config
inheriting CONFIG (in <work-root>/configs/), run_matrix trains and tests them
(skipping finished points, resuming interrupted ones), and the best point by
validation top-1 is reported with grid.md / grid.csv / curves.png.
"""
import argparse
import itertools
import json
import os
import os.path as osp
import subprocess
import sys

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

from custom_modules.apps.experiments import METRICS_FILE
from custom_modules.apps.reporting import load_scalars, plot_curves, write_table

ALIASES = {'lr': ['optim_wrapper.optimizer.lr'], 'epochs': ['train_cfg.max_epochs']}


def _value(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_grid(items):
    grid = {}
    for item in items:
        key, _, values = item.partition('=')
        if not values:
            sys.exit(f'error: --grid {item!r} is not KEY=V1,V2,...')
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


def write_point_configs(config, grid, folder):
    from mmengine.config import Config
    base = Config.fromfile(config)
    has_t_max = isinstance(base.get('param_scheduler'), dict) and 'T_max' in base.param_scheduler
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
        path = osp.join(folder, f'{name}.py')
        with open(path, 'w') as f:
            f.write(f'_base_ = [{osp.abspath(config)!r}]\n')
            for key, value in nested(assignments).items():
                f.write(f'{key} = {value!r}\n')
            f.write(f'experiment = dict(method={", ".join(f"{k}={v}" for k, v in point.items())!r})\n')
        points.append((name, point))
    return points


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--grid', action='append', required=True, help='KEY=V1,V2,...')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--gpus', type=int, default=1)
    args = parser.parse_args()
    if not osp.isfile(args.config):
        sys.exit(f'error: config file {args.config} does not exist')
    grid = parse_grid(args.grid)
    stem = osp.splitext(osp.basename(args.config))[0]
    out = osp.join(args.work_root, f'grid_{stem}')
    points = write_point_configs(args.config, grid, osp.join(out, 'configs'))
    subprocess.run([sys.executable, osp.join(REPO, 'tools', 'run_matrix.py'),
                    *(osp.join(out, 'configs', f'{name}.py') for name, _ in points),
                    '--work-root', args.work_root, '--gpus', str(args.gpus)], check=True)

    rows = []
    for name, point in points:
        work_dir = osp.join(args.work_root, name)
        _, val = load_scalars(work_dir)
        with open(osp.join(work_dir, METRICS_FILE)) as f:
            test = json.load(f)
        rows.append(dict(point, run=name,
                         **{'best val top-1': max(r['accuracy/top1'] for r in val),
                            'test top-1': test['accuracy/top1']}))
    rows.sort(key=lambda r: -r['best val top-1'])
    table = write_table(rows, [*grid, 'best val top-1', 'test top-1', 'run'],
                        osp.join(out, 'grid.md'), osp.join(out, 'grid.csv'))
    plot_curves({r['run']: osp.join(args.work_root, r['run']) for r in rows},
                osp.join(out, 'curves.png'), title=f'grid search: {stem}')
    print('\n' + table)
    best = rows[0]
    print('best setting: ' + ', '.join(f'{k}={best[k]}' for k in grid)
          + f' (val top-1 {best["best val top-1"]:.2f}, test top-1 {best["test top-1"]:.2f})')
    print(f'written: {out}/grid.md, grid.csv, curves.png')


if __name__ == '__main__':
    main()
