"""Several detection runs' loss and VOC mAP curves in one PNG, and their best/last mAP table."""
import fnmatch
import glob
import json
import os
import os.path as osp


from custom_modules.errors import UserInputError
from ..reporting import load_scalars, plot_curves, write_table

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


def parse_runs(items) -> dict:
    """``NAME=WORK_DIR`` items as ``{name: work_dir}``."""
    runs = {}
    for item in items:
        name, sep, work_dir = item.partition('=')
        if not sep or not osp.isdir(work_dir):
            raise UserInputError(f'--run {item}: expected NAME=WORK_DIR with an existing folder')
        runs[name] = work_dir
    return runs


def report_det(runs: dict, out: str, metric: str = 'pascal_voc/mAP', title: str = '') -> str:
    """Write ``out/curves.png`` and ``out/results.{md,csv}`` for ``{name: work_dir}``."""
    os.makedirs(out, exist_ok=True)
    png = plot_curves(runs, osp.join(out, 'curves.png'), metric=metric, title=title)
    rows = [summarize(name, work_dir, metric) for name, work_dir in runs.items()]
    columns = ['run', 'epochs'] + [c for c in rows[0] if c not in ('run', 'epochs')]
    table = write_table(rows, columns, osp.join(out, 'results.md'), osp.join(out, 'results.csv'))
    print('VOC mAP (%), validation (VOC2007 test):\n')
    print(table)
    print(f'written: {png}, {out}/results.md, {out}/results.csv')
    return png
