"""The backbone x method report of a work root's finished runs (``tools/report.py``).

Reads each ``<work dir>/test_metrics.json`` (written by :mod:`..run.matrix`: test
set, best-validation checkpoint; backbone and method: the config's ``experiment``
metadata recorded with them, else the one of the config in the work dir) and writes
``results.md`` / ``results.csv`` (rows = backbones, columns = methods, cells =
``top-1 err / top-5 err`` in %), ``runs.csv`` (one row per run), ``curves/<run>.png``
and ``curves/<backbone>.png`` (the backbone's runs overlaid).
"""
import csv
import fnmatch
import glob
import os
import os.path as osp
import re

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_open

from ..results import METRICS_FILE, read_test_metrics, run_experiment
from .figures import plot_curves, write_table


def collect_runs(work_root: str, match: str = '*') -> list:
    """One dict per ``<work_root>/<name>/test_metrics.json`` whose name matches ``match``."""
    runs = []
    for path in sorted(glob.glob(osp.join(work_root, '*', METRICS_FILE))):
        work_dir = osp.dirname(path)
        name = osp.basename(work_dir)
        if not fnmatch.fnmatch(name, match):
            continue
        metrics = read_test_metrics(work_dir)
        experiment = {**run_experiment(work_dir), **metrics}  # as recorded with the metrics
        runs.append(dict(name=name, work_dir=work_dir,
                         backbone=experiment.get('backbone', name),
                         method=experiment.get('method', 'baseline'),
                         top1_err=100 - metrics['accuracy/top1'],
                         top5_err=100 - metrics.get('accuracy/top5', float('nan'))))
    return runs


def method_order(method: str):
    """baseline first, then by name, with numbers compared as numbers."""
    return (method != 'baseline', [float(t) if re.fullmatch(r'[\d.]+', t) else t
                                   for t in re.split(r'([\d.]+)', method)])


def write_report(runs: list, out: str) -> str:
    """Write the tables and curves of ``runs`` into ``out``; returns the Markdown grid."""
    backbones = list(dict.fromkeys(r['backbone'] for r in runs))
    methods = sorted({r['method'] for r in runs}, key=method_order)
    grid = {(r['backbone'], r['method']): f'{r["top1_err"]:.2f} / {r["top5_err"]:.2f}'
            for r in runs}
    rows = [dict({'backbone': b}, **{m: grid.get((b, m), '') for m in methods})
            for b in backbones]
    table = write_table(rows, ['backbone', *methods], osp.join(out, 'results.md'),
                        osp.join(out, 'results.csv'))
    with atomic_open(osp.join(out, 'runs.csv'), 'w', newline='') as f:
        writer = csv.DictWriter(f, ['name', 'backbone', 'method', 'top1_err', 'top5_err'],
                                extrasaction='ignore')
        writer.writeheader()
        writer.writerows(runs)
    for run in runs:
        plot_curves({run['method']: run['work_dir']},
                    osp.join(out, 'curves', f'{run["name"]}.png'), title=run['name'])
    for backbone in backbones:
        mine = sorted((r for r in runs if r['backbone'] == backbone),
                      key=lambda r: method_order(r['method']))
        safe = re.sub(r'[^A-Za-z0-9.-]+', '_', backbone).strip('_')
        plot_curves({r['method']: r['work_dir'] for r in mine},
                    osp.join(out, 'curves', f'{safe}.png'), title=backbone)
    return table


def report(work_root: str = 'work_dirs', out: str = None, match: str = '*') -> str:
    """Report the finished runs of ``work_root`` into ``out`` (default ``<work_root>/report``)."""
    runs = collect_runs(work_root, match)
    if not runs:
        raise UserInputError(f'no {work_root}/*/{METRICS_FILE} '
                             f'(run tools/run_matrix.py first)')
    out = out or osp.join(work_root, 'report')
    os.makedirs(out, exist_ok=True)
    print('Test error (%), top-1 / top-5, best-validation checkpoint:\n')
    print(write_report(runs, out))
    print(f'written: {out}/results.md, results.csv, runs.csv, curves/*.png')
    return out
