"""Result tables and curves from ``work_dirs/``, the way the CIFAR experiments are reported.

    python tools/report.py [--work-root work_dirs] [--out work_dirs/report] [--match 'resnet18*']

Reads each ``<work dir>/test_metrics.json`` (written by tools/run_matrix.py:
test set, best-validation checkpoint) and writes
- ``results.md`` / ``results.csv``: rows = backbones, columns = methods,
  cells = ``top-1 err / top-5 err`` (%); ``runs.csv``: one row per run;
- ``curves/<run>.png`` (training loss, validation top-1) per run and
  ``curves/<backbone>.png`` with the backbone's runs overlaid.
"""
import argparse
import csv
import fnmatch
import glob
import json
import os
import os.path as osp
import re
import sys


from custom_modules.apps.reporting import plot_curves, write_table


def collect_runs(work_root: str, match: str = '*') -> list:
    runs = []
    for path in sorted(glob.glob(osp.join(work_root, '*', 'test_metrics.json'))):
        work_dir = osp.dirname(path)
        name = osp.basename(work_dir)
        if not fnmatch.fnmatch(name, match):
            continue
        with open(path) as f:
            metrics = json.load(f)
        runs.append(dict(name=name, work_dir=work_dir,
                         backbone=metrics.get('backbone', name.split('_')[0]),
                         method=metrics.get('method', 'baseline'),
                         top1_err=100 - metrics['accuracy/top1'],
                         top5_err=100 - metrics.get('accuracy/top5', float('nan'))))
    return runs


def method_order(method: str):
    """baseline first, then by name, with numbers compared as numbers."""
    return (method != 'baseline', [float(t) if re.fullmatch(r'[\d.]+', t) else t
                                   for t in re.split(r'([\d.]+)', method)])


def write_report(runs: list, out: str) -> str:
    backbones = list(dict.fromkeys(r['backbone'] for r in runs))
    methods = sorted({r['method'] for r in runs}, key=method_order)
    grid = {(r['backbone'], r['method']): f'{r["top1_err"]:.2f} / {r["top5_err"]:.2f}' for r in runs}
    rows = [dict({'backbone': b}, **{m: grid.get((b, m), '') for m in methods}) for b in backbones]
    table = write_table(rows, ['backbone', *methods], osp.join(out, 'results.md'),
                        osp.join(out, 'results.csv'))
    with open(osp.join(out, 'runs.csv'), 'w', newline='') as f:
        writer = csv.DictWriter(f, ['name', 'backbone', 'method', 'top1_err', 'top5_err'],
                                extrasaction='ignore')
        writer.writeheader()
        writer.writerows(runs)
    for run in runs:
        plot_curves({run['method']: run['work_dir']}, osp.join(out, 'curves', f'{run["name"]}.png'),
                    title=run['name'])
    for backbone in backbones:
        mine = sorted((r for r in runs if r['backbone'] == backbone), key=lambda r: method_order(r['method']))
        safe = re.sub(r'[^A-Za-z0-9.-]+', '_', backbone).strip('_')
        plot_curves({r['method']: r['work_dir'] for r in mine},
                    osp.join(out, 'curves', f'{safe}.png'), title=backbone)
    return table


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--out', default=None, help='default: <work-root>/report')
    parser.add_argument('--match', default='*', help='only work dirs whose name matches')
    args = parser.parse_args()
    runs = collect_runs(args.work_root, args.match)
    if not runs:
        sys.exit(f'error: no {args.work_root}/*/test_metrics.json (run tools/run_matrix.py first)')
    out = args.out or osp.join(args.work_root, 'report')
    os.makedirs(out, exist_ok=True)
    print('Test error (%), top-1 / top-5, best-validation checkpoint:\n')
    print(write_report(runs, out))
    print(f'written: {out}/results.md, results.csv, runs.csv, curves/*.png')


if __name__ == '__main__':
    main()
