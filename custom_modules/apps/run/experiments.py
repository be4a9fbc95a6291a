"""One experiment: train a config, test its best checkpoint, record the metrics.

Shared by the demos, the matrix and the grid search. On one device both
Runners are built in this process from the configs ``tools/train.py`` and
``tools/test.py`` would build (:mod:`.train_test`), and the metrics are what
``runner.test()`` returns; on several GPUs ``tools/dist_train.sh`` and
``tools/dist_test.sh`` run, the latter writing its metrics with
``--metrics-out``. Either way ``<work dir>/test_metrics.json`` records them.
"""
import os
import os.path as osp
import subprocess
from typing import Optional, Sequence

from ..results import best_checkpoint, read_json, write_test_metrics
from .cli import parse_cfg_options
from .config import REPO_ROOT
from .train_test import RunSpec, build_test_cfg, build_train_cfg, run_test, run_train


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
    return read_json(metrics_file), checkpoint


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
        run_train(build_train_cfg(RunSpec(config, work_dir, options,
                                          resume='auto' if resume else None)))
        checkpoint = _checkpoint(work_dir)
        metrics = run_test(build_test_cfg(RunSpec(config, osp.join(work_dir, 'test'), options),
                                          checkpoint))
    metrics = dict(metrics, config=config, checkpoint=checkpoint, **(meta or {}))
    write_test_metrics(work_dir, metrics)
    return metrics
