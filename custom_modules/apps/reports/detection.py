"""Several detection runs' training loss and validation VOC mAP in one PNG, plus a table
(``tools/report_det.py``); with per-epoch losses (``train/epoch_loss`` of
``EpochTrainStatsHook``, ``val/loss`` of ``DetValLossHook``) a second PNG: training loss,
validation loss and mAP per epoch (R001 Fig. 6).

Each run's validation history comes from its mmengine ``vis_data/scalars.json``
(resumed runs merged); its test mAP from the ``test_metrics.json`` that
:mod:`..run.experiments` writes. A run is labelled by its config's
``experiment.method`` (recorded with the test metrics, or in the config its Runner saved
in the work dir), else by its work dir name.
"""
import fnmatch
import glob
import os
import os.path as osp
from typing import Dict, Optional, Sequence

from custom_modules.errors import UserInputError

from ..results import has_scalars, load_epochs, load_scalars, read_test_metrics, run_experiment
from .figures import plot_curves, plot_epoch_panels, write_table

METRICS = ('pascal_voc/mAP', 'pascal_voc_area/mAP')
EPOCH_LOSSES = ('train/epoch_loss', 'val/loss')


def find_runs(work_root: str, match: str) -> Dict[str, str]:
    """``{label: work dir}`` of the work dirs under ``work_root`` matching ``match`` with logs."""
    runs = {}
    for work_dir in sorted(glob.glob(osp.join(work_root, '*'))):
        if osp.isdir(work_dir) and fnmatch.fnmatch(osp.basename(work_dir), match) \
                and has_scalars(work_dir):
            runs[_label(work_dir)] = work_dir
    return runs


def parse_runs(items: Sequence[str]) -> Dict[str, str]:
    """``['NAME=WORK_DIR', ...]`` as ``{NAME: WORK_DIR}``; each folder must exist."""
    runs = {}
    for item in items:
        name, sep, work_dir = item.partition('=')
        if not sep or not osp.isdir(work_dir):
            raise UserInputError(f'--run {item}: expected NAME=WORK_DIR with an existing folder')
        runs[name] = work_dir
    return runs


def _label(work_dir: str) -> str:
    return ((read_test_metrics(work_dir) or {}).get('method')
            or run_experiment(work_dir).get('method') or osp.basename(work_dir))


def summarize(name: str, work_dir: str, metric: str) -> dict:
    """Epochs, best and last validation mAP in both VOC modes, and the test mAP if recorded."""
    _, val = load_scalars(work_dir)
    row = dict(run=name, epochs=len([r for r in val if metric in r]))
    for key in METRICS:
        values = [r[key] for r in val if key in r]
        short = key.split('/')[0]
        row[f'best {short}'] = 100 * max(values) if values else ''
        row[f'last {short}'] = 100 * values[-1] if values else ''
    test = read_test_metrics(work_dir) or {}
    for key in METRICS:  # the modes the test evaluated
        if key in test:
            row[f'test {key.split("/")[0]}'] = 100 * test[key]
    return row


def plot_epochs(runs: Dict[str, str], out_png: str, metric: str,
                title: str = '') -> Optional[str]:
    """Training loss, validation loss and ``metric`` per epoch, one line per run, if any
    run logged per-epoch losses; else None."""
    epochs = {name: load_epochs(work_dir) for name, work_dir in runs.items()}
    if not any(key in record for records in epochs.values() for record in records.values()
               for key in EPOCH_LOSSES):
        return None
    return plot_epoch_panels(epochs, [
        ('training loss (epoch mean)', [('train/epoch_loss', 'train')]),
        ('validation loss', [('val/loss', 'val')]),
        (f'validation {metric}', [(metric, metric)])], out_png,
        title=f'{title}: per epoch' if title else 'per epoch')


def report_det(runs: Dict[str, str], out: str, metric: str = 'pascal_voc/mAP',
               title: str = '') -> str:
    """Write ``out/curves.png`` (``out/epochs.png`` with per-epoch losses) and
    ``out/results.{md,csv}`` for ``runs``; returns the first PNG."""
    os.makedirs(out, exist_ok=True)
    png = plot_curves(runs, osp.join(out, 'curves.png'), metric=metric, title=title)
    epochs_png = plot_epochs(runs, osp.join(out, 'epochs.png'), metric, title)
    rows = [summarize(name, work_dir, metric) for name, work_dir in runs.items()]
    columns = list(dict.fromkeys(c for row in rows for c in row))  # run, epochs, ...
    table = write_table(rows, columns, osp.join(out, 'results.md'),
                        osp.join(out, 'results.csv'))
    print('VOC mAP (%), validation (VOC2007 test):\n')
    print(table)
    print(f'written: {png}, {epochs_png + ", " if epochs_png else ""}{out}/results.md, '
          f'{out}/results.csv')
    return png
