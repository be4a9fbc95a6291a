"""Overlay several detection runs' training loss and validation VOC mAP curves in one PNG, plus a table.

    python tools/report_det.py --match 'faster-rcnn_r50-init-*' [--work-root work_dirs] \
        [--out work_dirs/report_det] [--metric pascal_voc/mAP]
    python tools/report_det.py --run random=work_dirs/a --run imagenet=work_dirs/b ...

Reads each work dir's mmengine logs (``*/vis_data/scalars.json``, resumed
runs merged) and writes ``curves.png`` (left: training loss per iteration,
right: validation ``--metric`` per epoch, one line per run) and
``results.md`` / ``results.csv`` (best and last validation mAP in both VOC
modes, epochs, and the test mAP from ``test_metrics.json`` when
tools/run_matrix.py wrote one). The label of a run is its config's
``experiment.method`` when recorded, else its work dir name.
"""
import argparse
import fnmatch
import glob
import json
import os
import os.path as osp
import sys


from custom_modules.errors import UserInputError
from custom_modules.apps.launch import user_errors
from custom_modules.apps.reporting import load_scalars, plot_curves, write_table

METRICS = ('pascal_voc/mAP', 'pascal_voc_area/mAP')


def find_runs(work_root: str, match: str) -> dict:
    runs = {}
    for work_dir in sorted(glob.glob(osp.join(work_root, '*'))):
        if osp.isdir(work_dir) and fnmatch.fnmatch(osp.basename(work_dir), match) \
                and glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')):
            runs[_label(work_dir)] = work_dir
    return runs


def _label(work_dir: str) -> str:
    path = osp.join(work_dir, 'test_metrics.json')
    if osp.isfile(path):
        return json.load(open(path)).get('method') or osp.basename(work_dir)
    return osp.basename(work_dir)


def summarize(name: str, work_dir: str, metric: str) -> dict:
    _, val = load_scalars(work_dir)
    row = dict(run=name, epochs=len([r for r in val if metric in r]))
    for key in METRICS:
        values = [r[key] for r in val if key in r]
        short = key.split('/')[0]
        row[f'best {short}'] = 100 * max(values) if values else ''
        row[f'last {short}'] = 100 * values[-1] if values else ''
    test = osp.join(work_dir, 'test_metrics.json')
    if osp.isfile(test):
        row['test pascal_voc'] = 100 * json.load(open(test)).get('pascal_voc/mAP', float('nan'))
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--match', default='*', help='work dirs whose name matches (glob)')
    parser.add_argument('--run', action='append', default=[], metavar='NAME=WORK_DIR',
                        help='explicit runs (instead of --match)')
    parser.add_argument('--metric', default='pascal_voc/mAP')
    parser.add_argument('--out', default=None, help='default: <work-root>/report_det')
    parser.add_argument('--title', default='')
    args = parser.parse_args(argv)
    with user_errors():
        if args.run:
            runs = {}
            for item in args.run:
                name, sep, work_dir = item.partition('=')
                if not sep or not osp.isdir(work_dir):
                    raise UserInputError(f'--run {item}: expected NAME=WORK_DIR with an existing folder')
                runs[name] = work_dir
        else:
            runs = find_runs(args.work_root, args.match)
        if not runs:
            raise UserInputError(f'no training logs (*/vis_data/scalars.json) in work dirs '
                                 f'matching {args.match!r} under {args.work_root}')
        out = args.out or osp.join(args.work_root, 'report_det')
        os.makedirs(out, exist_ok=True)
        png = plot_curves(runs, osp.join(out, 'curves.png'), metric=args.metric, title=args.title)
        rows = [summarize(name, work_dir, args.metric) for name, work_dir in runs.items()]
        columns = ['run', 'epochs'] + [c for c in rows[0] if c not in ('run', 'epochs')]
        table = write_table(rows, columns, osp.join(out, 'results.md'), osp.join(out, 'results.csv'))
        print('VOC mAP (%), validation (VOC2007 test):\n')
        print(table)
        print(f'written: {png}, {out}/results.md, {out}/results.csv')
        return png


if __name__ == '__main__':
    main()
