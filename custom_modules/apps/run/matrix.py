"""A list or glob of configs run one after another (``tools/run_matrix.py``).

Each config trains and tests in ``<work root>/<config name>`` through
:func:`.experiments.train_then_test`. A config whose work dir has
``test_metrics.json`` is skipped, one with a ``last_checkpoint`` is resumed,
others start fresh; a failed run is reported and the next one starts.
:func:`run_one` is that one run, also what each Ray task of :mod:`.matrix_ray` runs.
"""
import glob
import os.path as osp
import time
import traceback
from typing import List, NamedTuple, Sequence, Tuple

from custom_modules.errors import UserInputError

from ..results import METRICS_FILE
from .cli import parse_cfg_options
from .experiments import train_then_test


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


class Run(NamedTuple):
    """One config of the matrix: its file, work dir and progress-line prefix."""
    config: str
    work_dir: str
    prefix: str

    @property
    def name(self) -> str:
        return osp.splitext(osp.basename(self.config))[0]


def plan(patterns: Sequence[str], work_root: str, cfg_options: Sequence[str] = (),
         absolute: bool = False) -> List[Run]:
    """The runs of ``patterns`` in ``<work root>/<config name>``; refuses bad input before
    the first run. ``absolute``: absolute paths, for runs in other processes."""
    configs = expand(patterns)
    parse_cfg_options(cfg_options)  # bad overrides are refused before the first run
    path = osp.abspath if absolute else str
    runs = []
    for i, config in enumerate(configs, 1):
        name = osp.splitext(osp.basename(config))[0]
        runs.append(Run(path(config), path(osp.join(work_root, name)),
                        f'[{i}/{len(configs)}] {name}'))
    return runs


def finished(run: Run) -> bool:
    """Whether ``run`` tested already (its work dir has test_metrics.json)."""
    return osp.isfile(osp.join(run.work_dir, METRICS_FILE))


def skip_line(run: Run) -> str:
    """The progress line of a run that ``finished`` earlier."""
    return f'{run.prefix}: finished earlier, skipping'


def run_one(run: Run, cfg_options: Sequence[str] = (), gpus: int = 1) -> Tuple[bool, str]:
    """Train and test one config unless finished (resuming an interrupted one); whether it
    succeeded, and its one-line outcome. A failure is printed, not raised."""
    if finished(run):
        return True, skip_line(run)
    resume = osp.isfile(osp.join(run.work_dir, 'last_checkpoint'))
    print(f'{run.prefix}: {"resuming" if resume else "starting"}', flush=True)
    start = time.time()
    try:
        metrics = train_then_test(run.config, run.work_dir, cfg_options, gpus=gpus,
                                  resume=resume, meta=experiment_meta(run.config))
    except Exception as e:  # one broken run must not stop the others
        if not isinstance(e, UserInputError):
            traceback.print_exc()
        return False, f'{run.prefix}: FAILED after {time.time() - start:.0f} s ({e})'
    scores = ', '.join(f'{k} {v:.2f}' for k, v in metrics.items() if k.startswith('accuracy/'))
    return True, f'{run.prefix}: done in {time.time() - start:.0f} s, test {scores}'


def run_matrix(patterns: Sequence[str], work_root: str = 'work_dirs', gpus: int = 1,
               cfg_options: Sequence[str] = ()) -> List[str]:
    """Train and test every config of ``patterns`` not finished yet; the names that failed."""
    failed = []
    for run in plan(patterns, work_root, cfg_options):
        ok, line = run_one(run, cfg_options, gpus)
        print(line, flush=True)
        if not ok:
            failed.append(run.name)
    return failed
