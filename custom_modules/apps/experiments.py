"""Running experiments with the repo's own tools: train, test the best checkpoint, record metrics.

Shared by ``tools/demo.py`` and ``tools/run_matrix.py``. Each step is a
subprocess of ``tools/train.py`` / ``tools/test.py`` (or ``dist_train.sh``),
so a matrix run behaves exactly like the commands a user types.
"""
import glob
import json
import os.path as osp
import subprocess
import sys
from typing import List, Optional

from .launch import REPO_ROOT

METRICS_FILE = 'test_metrics.json'


def run_tool(script: str, *args: str, gpus: int = 1) -> None:
    """Run ``tools/<script>`` (through ``dist_*.sh`` when ``gpus > 1``); raise on failure."""
    if gpus > 1:  # dist_train.sh CONFIG GPUS ... / dist_test.sh CONFIG CKPT GPUS ...
        positional = 2 if script == 'test.py' else 1
        launcher = osp.join(REPO_ROOT, 'tools', 'dist_' + script.replace('.py', '.sh'))
        command = ['bash', launcher, *args[:positional], str(gpus), *args[positional:]]
    else:
        command = [sys.executable, osp.join(REPO_ROOT, 'tools', script), *args]
    print('+', ' '.join(command), flush=True)
    subprocess.run(command, cwd=REPO_ROOT, check=True)


def best_checkpoint(work_dir: str) -> Optional[str]:
    """The best-validation checkpoint, else the last one, else None."""
    best = sorted(glob.glob(osp.join(work_dir, 'best_*.pth')), key=osp.getmtime)
    if best:
        return best[-1]
    pointer = osp.join(work_dir, 'last_checkpoint')
    return open(pointer).read().strip() if osp.isfile(pointer) else None


def latest_test_metrics(test_dir: str) -> dict:
    """Metrics that mmengine's LoggerHook wrote for the newest test run in ``test_dir``."""
    logs = sorted(glob.glob(osp.join(test_dir, '*', '*.json')))
    if not logs:
        raise RuntimeError(f'no test metrics were written under {test_dir}')
    with open(logs[-1]) as f:
        return json.loads(f.readlines()[-1])


def train_then_test(config: str, work_dir: str, options: List[str] = (), gpus: int = 1,
                    resume: bool = False, meta: Optional[dict] = None,
                    test_options: List[str] = ()) -> dict:
    """Train ``config`` (resuming if asked), test its best checkpoint, write test_metrics.json.

    ``test_options`` go to tools/test.py only (e.g. ``['--out', 'preds.pkl']``).
    """
    run_tool('train.py', config, '--work-dir', work_dir, *(['--resume'] if resume else []),
             *options, gpus=gpus)
    checkpoint = best_checkpoint(work_dir)
    if checkpoint is None:
        raise RuntimeError(f'training wrote no checkpoint into {work_dir}')
    test_dir = osp.join(work_dir, 'test')
    run_tool('test.py', config, checkpoint, '--work-dir', test_dir, *options, *test_options,
             gpus=gpus)
    metrics = dict(latest_test_metrics(test_dir), config=config, checkpoint=checkpoint,
                   **(meta or {}))
    with open(osp.join(work_dir, METRICS_FILE), 'w') as f:
        json.dump(metrics, f, indent=2)
    return metrics
