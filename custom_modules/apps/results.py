"""A run's results on disk, read and written here only: test metrics, logged scalars,
checkpoints, the experiment metadata of its config.

A work dir (``<work root>/<run>``, mmengine's layout) holds

* ``test_metrics.json``: the test metrics :func:`write_test_metrics` records after
  training (with the config, the checkpoint and the config's ``experiment`` metadata);
* ``[test/]<timestamp>/<timestamp>.json``: the metrics mmengine's ``LoggerHook`` dumps at
  the end of a test, e.g. of ``tools/test.py`` (whose default work dir is the training's),
  beside ``<timestamp>/vis_data/config.py`` naming the checkpoint (``load_from``):
  :func:`find_test_metrics` falls back on the latest of them;
* ``<timestamp>/vis_data/scalars.json``: mmengine's scalar log, one per (resumed) run.
  Records from all of a work dir's runs are merged in time order, later records
  replacing earlier ones of the same step. Three kinds of records: training iterations
  (they have ``loss``; step = iteration), validations (step = epoch for epoch-based runs;
  ``val/loss`` from ``ValLossHook``) and per-epoch training means
  (``train/epoch_loss``, ``train/epoch_accuracy`` from ``EpochTrainStatsHook``;
  step = epoch);
* ``best_*.pth`` / ``last_checkpoint``: the checkpoints;
* ``members/<trial>/pbt_reports.jsonl`` in a PBT work dir: what each member reported
  (:func:`member_histories`, :func:`exploits`);
* ``<config name>.py``: the config mmengine's Runner dumped, whose ``experiment = dict(...)``
  says what the run is (:func:`run_experiment`; a PBT work dir records it in
  ``pbt_result.json``), so reports find runs by that metadata (:func:`find_runs`),
  whatever their work dirs are called.

A leaf: it imports nothing from the application layer, so every job package
(running, reports, PBT, demos) can use it without importing another.
"""
import ast
import glob
import json
import os.path as osp
from typing import Dict, Iterator, List, Optional, Tuple

from custom_modules.plugins.engine.atomic_local_backend import atomic_write_bytes

METRICS_FILE = 'test_metrics.json'
EPOCH_STATS_PREFIX = 'train/epoch_'
PBT_REPORTS_FILE = 'pbt_reports.jsonl'  # a PBT member's reports, one JSON line each
PBT_RESULT_FILE = 'pbt_result.json'  # a PBT search's best member, tested


def write_json(path: str, data: dict) -> str:
    """Write ``data`` as JSON atomically (the engine's temporary file, fsync and rename)."""
    atomic_write_bytes(json.dumps(data, indent=2, default=_plain).encode(), path)
    return path


def _plain(value):
    """numpy / torch scalars and arrays as JSON numbers and lists."""
    if hasattr(value, 'tolist'):
        return value.tolist()
    raise TypeError(f'{type(value).__name__} is not JSON serializable')


def read_json(path: str):
    """The JSON document at ``path``, or None if there is no such file."""
    if not osp.isfile(path):
        return None
    with open(path) as f:
        return json.load(f)


def write_test_metrics(work_dir: str, metrics: dict) -> str:
    """Record a run's test metrics as ``<work dir>/test_metrics.json``."""
    return write_json(osp.join(work_dir, METRICS_FILE), metrics)


def read_test_metrics(work_dir: str) -> Optional[dict]:
    """The ``test_metrics.json`` of ``work_dir``, or None."""
    return read_json(osp.join(work_dir, METRICS_FILE))


TEST_LOG_TIMING = ('time', 'data_time')  # what LoggerHook adds to the metrics


def read_test_log(work_dir: str) -> Optional[dict]:
    """The metrics of the latest test run into ``work_dir`` or ``work_dir/test`` (mmengine's
    ``<timestamp>/<timestamp>.json``, timings dropped) with ``checkpoint`` (the ``load_from``
    of that run's dumped config, when readable) and ``test_log`` (the file); None if no
    test ran there."""
    logs = []
    for folder in (work_dir, osp.join(work_dir, 'test')):
        for path in glob.glob(osp.join(folder, '*', '*.json')):
            stamp = osp.basename(osp.dirname(path))
            if osp.basename(path) == f'{stamp}.json':
                logs.append((stamp, path))
    for stamp, path in sorted(logs, reverse=True):
        try:
            metrics = read_json(path)
        except ValueError:  # a test killed while dumping
            continue
        if isinstance(metrics, dict) and set(metrics) - set(TEST_LOG_TIMING):
            found = {k: v for k, v in metrics.items() if k not in TEST_LOG_TIMING}
            checkpoint = read_config_value(
                osp.join(osp.dirname(path), 'vis_data', 'config.py'), 'load_from')
            if isinstance(checkpoint, str):
                found['checkpoint'] = checkpoint
            return dict(found, test_log=path)
    return None


def find_test_metrics(work_dir: str) -> Optional[dict]:
    """A run's test metrics however its test ran: ``test_metrics.json`` (tools/run_matrix.py,
    the PBT and grid tools), else the latest test log (:func:`read_test_log`), else None."""
    return read_test_metrics(work_dir) or read_test_log(work_dir)


def best_checkpoint(work_dir: str) -> Optional[str]:
    """The best-validation checkpoint, else the last one, else None."""
    best = sorted(glob.glob(osp.join(work_dir, 'best_*.pth')), key=osp.getmtime)
    if best:
        return best[-1]
    pointer = osp.join(work_dir, 'last_checkpoint')
    return open(pointer).read().strip() if osp.isfile(pointer) else None


def epoch_checkpoint(work_dir: str, epoch: int) -> Optional[str]:
    """``<work dir>/epoch_<epoch>.pth`` (what a figure of one epoch loads; the configs keep
    it past ``max_keep_ckpts`` with ``AtomicCheckpointHook(keep_epochs=...)``), or None if
    it is not there."""
    path = osp.join(work_dir, f'epoch_{epoch}.pth')
    return path if osp.isfile(path) else None


def _records(work_dir: str) -> Iterator[dict]:
    """The records of all of a work dir's runs, oldest run first."""
    for path in sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json'))):
        with open(path) as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def has_scalars(work_dir: str) -> bool:
    """Whether ``work_dir`` holds an mmengine scalar log."""
    return bool(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))


def _is_epoch_stats(record: dict) -> bool:
    return any(key.startswith(EPOCH_STATS_PREFIX) for key in record)


def load_scalars(work_dir: str) -> Tuple[List[dict], List[dict]]:
    """Return ``(train_records, val_records)`` of a work dir, each sorted by step
    (per-iteration training records; validation records, those of one step merged, e.g.
    a detector's mAP and the ``val/loss`` a hook logs separately)."""
    train, val = {}, {}
    for record in _records(work_dir):
        if 'loss' in record:
            train[record['step']] = record
        elif not _is_epoch_stats(record):
            val.setdefault(record['step'], {}).update(record)
    return ([train[k] for k in sorted(train)], [val[k] for k in sorted(val)])


def load_epochs(work_dir: str) -> Dict[int, dict]:
    """Per epoch (epoch-based runs): that epoch's validation scalars and per-epoch training
    means merged into one dict, e.g. ``{'accuracy/top1', 'val/loss', 'train/epoch_loss'}``."""
    epochs = {}
    for record in _records(work_dir):
        if 'loss' not in record:
            epochs.setdefault(record['step'], {}).update(record)
    return {epoch: epochs[epoch] for epoch in sorted(epochs)}


def member_histories(work_dir: str) -> Dict[str, List[dict]]:
    """Every member's reports, by epoch, as its :class:`TuneReportHook` wrote them to
    ``members/<trial>/pbt_reports.jsonl`` (a restarted member's later report of an
    epoch replaces the earlier one)."""
    histories = {}
    for path in sorted(glob.glob(osp.join(work_dir, 'members', '*', PBT_REPORTS_FILE))):
        by_epoch = {}
        with open(path) as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    by_epoch[row['epoch']] = row
        if by_epoch:
            histories[osp.basename(osp.dirname(path))] = [by_epoch[e] for e in sorted(by_epoch)]
    return histories


def exploits(histories: Dict[str, List[dict]]) -> List[dict]:
    """Every restart of a member from ANOTHER member's weights."""
    found = []
    for trial, rows in histories.items():
        for row in rows:
            donor = row.get('loaded_from_trial')
            if donor and donor != trial:
                found.append(dict(trial=trial, donor=donor, epoch=row['loaded_from_epoch'],
                                  loaded_fingerprint=row['loaded_fingerprint'],
                                  donor_fingerprint=row['donor_fingerprint']))
    return found


def read_config_value(config_path: str, name: str):
    """The literal value of the top-level ``name = ...`` of one config file (its own text,
    bases not merged: a config the Runner dumped is already merged; ``dict(k=v, ...)`` of
    literals read as a dict), without running the file; None if the file has none, it is
    not literal or the file cannot be read."""
    try:
        with open(config_path, encoding='utf-8') as f:
            tree = ast.parse(f.read())
    except (OSError, SyntaxError, ValueError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == name
                for target in node.targets):
            value = node.value
            try:
                if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                        and value.func.id == 'dict' and not value.args):
                    return {k.arg: ast.literal_eval(k.value) for k in value.keywords if k.arg}
                return ast.literal_eval(value)
            except ValueError:  # not literal values
                return None
    return None


def read_experiment(config_path: str) -> Optional[dict]:
    """The ``experiment = dict(...)`` of one config file (:func:`read_config_value`); None
    if the file has none or cannot be read."""
    found = read_config_value(config_path, 'experiment')
    return dict(found) if isinstance(found, dict) else None


def run_experiment(work_dir: str) -> dict:
    """The ``experiment`` metadata of the run in ``work_dir``: the one its PBT result records,
    else the one of the config its Runner dumped there; ``{}`` without either."""
    pbt = read_json(osp.join(work_dir, PBT_RESULT_FILE))
    if isinstance(pbt, dict) and isinstance(pbt.get('experiment'), dict):
        return dict(pbt['experiment'])
    for path in sorted(glob.glob(osp.join(work_dir, '*.py'))):
        found = read_experiment(path)
        if found is not None:
            return found
    return {}


def has_experiment(meta: dict, **experiment) -> bool:
    """Whether the metadata ``meta`` has every given value."""
    return all(meta.get(key) == value for key, value in experiment.items())


def find_runs(work_root: str, **experiment) -> Dict[str, dict]:
    """``{work dir name: its experiment metadata}`` of the runs under ``work_root`` whose
    metadata has every given value (e.g. ``report='000-A', method='baseline'``), by name."""
    runs = {}
    for work_dir in sorted(glob.glob(osp.join(work_root, '*'))):
        if not osp.isdir(work_dir):
            continue
        meta = run_experiment(work_dir)
        if has_experiment(meta, **experiment):
            runs[osp.basename(work_dir)] = meta
    return runs
