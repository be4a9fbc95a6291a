"""A list or glob of configs run one after another (``tools/run_matrix.py``).

Each config trains and tests in ``<work root>/<config name>`` through
:func:`.experiments.train_then_test`. A config whose work dir has
``test_metrics.json`` is skipped, one with a ``last_checkpoint`` is resumed,
others start fresh; a failed run is reported and the next one starts.
"""
import glob
import os.path as osp
import time
import traceback
from typing import List, Sequence

from custom_modules.errors import UserInputError

from .experiments import METRICS_FILE, train_then_test
from .launch import parse_cfg_options


def expand(patterns: Sequence[str]) -> List[str]:
    """Config paths of ``patterns`` (globs expanded, ``_base_`` files and repeats left out)."""
    configs = []
    for pattern in patterns:
        if not glob.has_magic(pattern) and not osp.isfile(pattern):
            raise UserInputError(f'config file {pattern} does not exist')
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) \
            else [pattern]
        configs += [m for m in matches if '_base_' not in m and m not in configs]
    if not configs:
        raise UserInputError(f'no config matches {list(patterns)}')
    return configs


def experiment_meta(config: str) -> dict:
    """The config's ``experiment`` dict (backbone, method, ...), recorded with its metrics."""
    from mmengine.config import Config
    return dict(Config.fromfile(config).get('experiment') or {})


def run_matrix(patterns: Sequence[str], work_root: str = 'work_dirs', gpus: int = 1,
               cfg_options: Sequence[str] = ()) -> List[str]:
    """Train and test every config of ``patterns`` not finished yet; the names that failed."""
    configs = expand(patterns)
    parse_cfg_options(cfg_options)  # bad overrides are refused before the first run
    failed = []
    for i, config in enumerate(configs, 1):
        name = osp.splitext(osp.basename(config))[0]
        work_dir = osp.join(work_root, name)
        prefix = f'[{i}/{len(configs)}] {name}'
        if osp.isfile(osp.join(work_dir, METRICS_FILE)):
            print(f'{prefix}: finished earlier, skipping', flush=True)
            continue
        resume = osp.isfile(osp.join(work_dir, 'last_checkpoint'))
        print(f'{prefix}: {"resuming" if resume else "starting"}', flush=True)
        start = time.time()
        try:
            metrics = train_then_test(config, work_dir, cfg_options, gpus=gpus, resume=resume,
                                      meta=experiment_meta(config))
        except Exception as e:  # one broken run must not stop the others
            if not isinstance(e, UserInputError):
                traceback.print_exc()
            failed.append(name)
            print(f'{prefix}: FAILED after {time.time() - start:.0f} s ({e})', flush=True)
            continue
        scores = ', '.join(f'{k} {v:.2f}' for k, v in metrics.items()
                           if k.startswith('accuracy/'))
        print(f'{prefix}: done in {time.time() - start:.0f} s, test {scores}', flush=True)
    return failed
