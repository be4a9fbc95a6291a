"""One experiment: train a config, test its best checkpoint, record the metrics.

Shared by the demos, the matrix and the grid search. On one device both
Runners are built in this process from the configs ``tools/train.py`` and
``tools/test.py`` would build (:mod:`.runs`), and the metrics are what
``runner.test()`` returns; on several GPUs ``tools/dist_train.sh`` and
``tools/dist_test.sh`` run, the latter writing its metrics with
``--metrics-out``. Either way ``<work dir>/test_metrics.json`` records them.
"""
import glob
import json
import os
import os.path as osp
import subprocess
from typing import Optional, Sequence

from .launch import REPO_ROOT, parse_cfg_options
from .runs import build_test_cfg, build_train_cfg, run_test, run_train, write_json

METRICS_FILE = 'test_metrics.json'


def read_test_metrics(work_dir: str) -> Optional[dict]:
    """The ``test_metrics.json`` that :func:`train_then_test` wrote there, or None."""
    path = osp.join(work_dir, METRICS_FILE)
    if not osp.isfile(path):
        return None
    with open(path) as f:
        return json.load(f)


def best_checkpoint(work_dir: str) -> Optional[str]:
    """The best-validation checkpoint, else the last one, else None."""
    best = sorted(glob.glob(osp.join(work_dir, 'best_*.pth')), key=osp.getmtime)
    if best:
        return best[-1]
    pointer = osp.join(work_dir, 'last_checkpoint')
    return open(pointer).read().strip() if osp.isfile(pointer) else None


def _checkpoint(work_dir: str) -> str:
    checkpoint = best_checkpoint(work_dir)
    if checkpoint is None:
        raise RuntimeError(f'training wrote no checkpoint into {work_dir}')
    return checkpoint


def _run_script(script: str, *args: str) -> None:
    """``bash tools/<script> args``; raise on failure."""
    command = ['bash', osp.join(REPO_ROOT, 'tools', script), *args]
    print('+', ' '.join(command), flush=True)
    subprocess.run(command, check=True)


def _distributed(config: str, work_dir: str, options: Sequence[str], gpus: int,
                 resume: bool) -> tuple:
    """dist_train.sh, then dist_test.sh writing its metrics to a JSON file we read."""
    flags = ['--cfg-options', *options] if options else []
    _run_script('dist_train.sh', config, str(gpus), '--work-dir', work_dir,
                *(['--resume'] if resume else []), *flags)
    checkpoint = _checkpoint(work_dir)
    test_dir = osp.join(work_dir, 'test')
    metrics_file = osp.join(test_dir, 'metrics.json')
    if osp.isfile(metrics_file):
        os.remove(metrics_file)
    _run_script('dist_test.sh', config, checkpoint, str(gpus), '--work-dir', test_dir,
                '--metrics-out', metrics_file, *flags)
    with open(metrics_file) as f:
        return json.load(f), checkpoint


def train_then_test(config: str, work_dir: str, cfg_options: Sequence[str] = (),
                    gpus: int = 1, resume: bool = False, meta: Optional[dict] = None) -> dict:
    """Train ``config`` (resuming if asked), test its best checkpoint, write test_metrics.json.

    ``cfg_options``: ``key=value`` strings as after ``--cfg-options``, for both runs.
    Returns the test metrics with ``config``, ``checkpoint`` and ``meta`` added.
    """
    if gpus > 1:
        metrics, checkpoint = _distributed(config, work_dir, cfg_options, gpus, resume)
    else:
        options = parse_cfg_options(cfg_options)
        run_train(build_train_cfg(config, work_dir, options,
                                  resume='auto' if resume else None))
        checkpoint = _checkpoint(work_dir)
        metrics = run_test(build_test_cfg(config, checkpoint, osp.join(work_dir, 'test'),
                                          options))
    metrics = dict(metrics, config=config, checkpoint=checkpoint, **(meta or {}))
    write_json(osp.join(work_dir, METRICS_FILE), metrics)
    return metrics
