"""The ranking of a grid search's points (``tools/grid_search.py``): ``grid.md`` /
``grid.csv`` (best validation top-1, test top-1, best first) and ``curves.png``."""
import os.path as osp
from typing import Sequence, Tuple

from ..results import load_scalars, read_test_metrics
from .figures import plot_curves, write_table


def rank_grid_points(points: Sequence[Tuple[str, dict]], keys: Sequence[str], work_root: str,
                     out: str, title: str = '') -> list:
    """Rank the finished grid ``points`` (``[(run name, {key: value})]``, their work dirs
    ``<work_root>/<run name>``) by best validation top-1 into ``out``; the rows, best first."""
    rows = []
    for name, point in points:
        work_dir = osp.join(work_root, name)
        _, val = load_scalars(work_dir)  # the validation history
        test = read_test_metrics(work_dir)
        rows.append(dict(point, run=name,
                         **{'best val top-1': max(r['accuracy/top1'] for r in val),
                            'test top-1': test['accuracy/top1']}))
    rows.sort(key=lambda r: -r['best val top-1'])
    table = write_table(rows, [*keys, 'best val top-1', 'test top-1', 'run'],
                        osp.join(out, 'grid.md'), osp.join(out, 'grid.csv'))
    plot_curves({r['run']: osp.join(work_root, r['run']) for r in rows},
                osp.join(out, 'curves.png'), title=title)
    print('\n' + table)
    best = rows[0]
    print('best setting: ' + ', '.join(f'{k}={best[k]}' for k in keys)
          + f' (val top-1 {best["best val top-1"]:.2f}, test top-1 {best["test top-1"]:.2f})')
    print(f'written: {out}/grid.md, grid.csv, curves.png')
    return rows
