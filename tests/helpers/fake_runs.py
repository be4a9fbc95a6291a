"""Fabricated work dirs for the report tests: mmengine-style ``scalars.json`` (iteration,
validation and per-epoch training records), ``test_metrics.json`` and the config the
Runner saves (with its ``experiment`` metadata); per-class VOC metrics as
``VOCMetricWithTable`` logs them; the figures' panels and lines."""
import ast
import csv
import glob
import json
import os.path as osp

from matplotlib.figure import Figure

from custom_modules.apps.reports.det_common import VOC_CLASSES
from custom_modules.apps.results import read_experiment
from tests.helpers.configs import REPO


def repo_experiment(name):
    """The ``experiment`` metadata of the repository's config ``<name>.py`` merged over its
    local ``_base_`` files', read without running them; None if there is no such config."""
    paths = glob.glob(osp.join(REPO, 'configs', '**', f'{name}.py'), recursive=True)
    return _merged_experiment(paths[0]) if paths else None


def _merged_experiment(path):
    merged = {}
    for node in ast.parse(open(path, encoding='utf-8').read()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') == '_base_':
            bases = ast.literal_eval(node.value)
            for base in [bases] if isinstance(bases, str) else bases:
                if '::' not in base:
                    merged.update(_merged_experiment(osp.join(osp.dirname(path), base)))
    merged.update(read_experiment(path) or {})
    return merged


def fake_run(folder, epochs=None, test=None, timestamp='20260101_000000', iterations=None,
             experiment=None):
    """Write ``folder/<timestamp>/vis_data/scalars.json``: per epoch one iteration record
    (``loss``), the ``train/epoch_*`` values and the validation values of ``epochs``
    ({epoch: {key: value}}; keys starting with ``train/epoch_`` go in the training
    record); ``iterations``: the training records to write instead of one per epoch
    (dicts with ``step`` and ``loss``); ``test``: ``test_metrics.json``'s content;
    ``experiment``: the metadata of the config saved as ``folder/<folder name>.py``
    (default: that of the repository's config named like the folder, if any).
    Returns ``folder``."""
    vis = folder / timestamp / 'vis_data'
    vis.mkdir(parents=True, exist_ok=True)
    lines = list(iterations or [])
    for epoch, values in (epochs or {}).items():
        train = {k: v for k, v in values.items() if k.startswith('train/epoch_')}
        val = {k: v for k, v in values.items() if k not in train}
        if iterations is None:
            lines.append({'loss': 9.0, 'lr': 0.1, 'step': epoch * 10, 'epoch': epoch})
        if train:
            lines.append(dict(train, step=epoch))
        if val:
            lines.append(dict(val, step=epoch))
    (vis / 'scalars.json').write_text(''.join(json.dumps(r) + '\n' for r in lines))
    if test is not None:
        (folder / 'test_metrics.json').write_text(json.dumps(test))
    experiment = repo_experiment(folder.name) if experiment is None else experiment
    if experiment is not None:
        keywords = ', '.join(f'{key}={value!r}' for key, value in experiment.items())
        (folder / f'{folder.name}.py').write_text(f'experiment = dict({keywords})\n')
    return folder


def fake_test_log(folder, metrics, checkpoint, timestamp='20260102_000000'):
    """What a test (``tools/test.py``, mmengine's Runner) leaves in its work dir ``folder``:
    ``<timestamp>/<timestamp>.json`` (the metrics with LoggerHook's timings) and the config
    it dumped to ``<timestamp>/vis_data/config.py`` (``load_from = checkpoint``)."""
    run = folder / timestamp
    (run / 'vis_data').mkdir(parents=True, exist_ok=True)
    (run / f'{timestamp}.json').write_text(json.dumps(dict(metrics, data_time=0.5, time=1.5)))
    (run / 'vis_data' / 'config.py').write_text(f'load_from = {str(checkpoint)!r}\n')
    return run / f'{timestamp}.json'


def read_rows(path, key):
    """The rows of a CSV table, by the value of column ``key``."""
    with open(path) as f:
        return {row[key]: row for row in csv.DictReader(f)}


def signed(value, digits=2):
    """How the tables print a difference."""
    return f'{value:+.{digits}f}'


def voc_class_metrics(prefix, offset=0.0, mean=None):
    """Per-class values as ``VOCMetricWithTable`` returns them for class index i:
    gts 10 + i, dets 30 + 2i, recall 0.5 + i/100 + offset, AP 0.25 + i/50 + offset;
    ``<prefix>/mAP`` = ``mean`` (default: the mean of the APs)."""
    metrics = {}
    for i, name in enumerate(VOC_CLASSES):
        metrics.update({f'{prefix}/gts_{name}': 10 + i, f'{prefix}/dets_{name}': 30 + 2 * i,
                        f'{prefix}/recall_{name}': 0.5 + i / 100 + offset,
                        f'{prefix}/AP_{name}': 0.25 + i / 50 + offset})
    aps = [metrics[f'{prefix}/AP_{name}'] for name in VOC_CLASSES]
    metrics[f'{prefix}/mAP'] = sum(aps) / len(aps) if mean is None else mean
    return metrics


def record_figures(monkeypatch):
    """Record every figure saved from now on: ``{suptitle: [panel, ...]}``, a panel being
    ``{'x': [x data of each line], 'colors': [...], 'bars': bar groups}`` (the dict fills
    as figures are saved)."""
    saved = {}
    original = Figure.savefig

    def savefig(fig, *args, **kwargs):
        title = fig._suptitle.get_text() if fig._suptitle else ''
        saved[title] = [{'x': [[float(x) for x in line.get_xdata()] for line in ax.lines],
                         'colors': [line.get_color() for line in ax.lines],
                         'bars': len(ax.containers)} for ax in fig.axes]
        return original(fig, *args, **kwargs)

    monkeypatch.setattr(Figure, 'savefig', savefig)
    return saved
