"""The step model of ``tools/reproduce.py``: what a step is, where its results live and
whether it is done, running, interrupted or failed, read from what exists on disk.

A step is one of

* ``train``: a config trained and tested (:func:`..matrix.run_one`); work dir
  ``<work root>/<config name>``, done when it has ``test_metrics.json``;
* ``grid``: a grid search of a config (:mod:`..grid`); its points are ``train`` runs,
  done when ``<work root>/grid_<config name>/grid.csv`` ranks them;
* ``pbt``: a PBT population (``tools/pbt_search.py``); done with ``pbt_result.json``;
* ``test``: an evaluation of given checkpoints (the CamVid mIoU), done with its table;
* ``figure`` / ``video``: drawn from checkpoints into the report's folder, done when the
  PNGs / videos are there;
* ``table``: the report's tables, figures and README (always rewritten, cheap).
"""
import glob
import os
import os.path as osp
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ...results import METRICS_FILE, PBT_RESULT_FILE, load_epochs, read_json, write_json

KINDS = ('train', 'grid', 'pbt', 'test', 'figure', 'video', 'table')
STATE_DIR = 'reproduce'  # <work root>/reproduce/: logs, failures, provenance, caches


def smoke_marker(work_root: str) -> str:
    """The file that marks ``work_root`` as holding ``--smoke`` runs."""
    return osp.join(work_root, STATE_DIR, 'smoke')


@dataclass(frozen=True)
class Need:
    """Data or a checkpoint a step reads: what it is, its path (relative to the repository
    root, where the tools run) and the exact command that fetches it (``--smoke``
    generates a stand-in of each)."""
    what: str
    path: str
    fetch: str

    def present(self) -> bool:
        return osp.exists(self.path)


@dataclass
class Step:
    """One step of a report's pipeline.

    ``id``: unique in the report (``000-A/resnet18_1xb128_cifar100``); ``configs``: the
    config file(s); ``deps``: ids of the steps whose results it needs; ``needs``: data and
    checkpoints; ``args``: what the kind needs besides (grid values, figure options, the
    checkpoints of a figure as ``(step id, epoch)``); ``outputs``: paths (relative to the
    work root, or to the report folder for figures) whose presence marks it done."""
    id: str
    kind: str
    configs: List[str]
    deps: List[str] = field(default_factory=list)
    needs: List[Need] = field(default_factory=list)
    args: Dict = field(default_factory=dict)
    note: str = ''

    def __post_init__(self):
        assert self.kind in KINDS, self.kind

    @property
    def config(self) -> Optional[str]:
        return self.configs[0] if self.configs else None

    @property
    def stem(self) -> str:
        return osp.splitext(osp.basename(self.config))[0] if self.config else self.slug

    @property
    def slug(self) -> str:
        """The id as a file name."""
        return re.sub(r'[^A-Za-z0-9_.-]+', '_', self.id)

    def work_dir(self, work_root: str) -> Optional[str]:
        """Where the step's run writes (train, pbt, grid: the ranking folder)."""
        if self.kind == 'train':
            return osp.join(work_root, self.stem)
        if self.kind == 'pbt':
            return osp.join(work_root, f'pbt_{self.stem}')
        if self.kind == 'grid':
            return osp.join(work_root, f'grid_{self.stem}')
        return None

    def out_dir(self, report_out: str) -> str:
        """Where a figure, video or test step writes (inside the report's folder)."""
        return osp.join(report_out, self.args.get('out', osp.join('figures', self.slug)))

    def done(self, work_root: str, report_out: str) -> bool:
        work_dir = self.work_dir(work_root)
        if self.kind == 'train':
            return osp.isfile(osp.join(work_dir, METRICS_FILE))
        if self.kind == 'pbt':
            return osp.isfile(osp.join(work_dir, PBT_RESULT_FILE)) or (
                # --smoke trains the population's config once instead
                osp.isfile(osp.join(work_root, self.stem, METRICS_FILE))
                and osp.isfile(smoke_marker(work_root)))
        if self.kind == 'grid':
            return osp.isfile(osp.join(work_dir, 'grid.csv'))
        if self.kind == 'table':
            return False
        return osp.isfile(osp.join(self.out_dir(report_out), DONE_FILE))


DONE_FILE = 'done.json'  # what a figure, video or test step writes last


def state_path(work_root: str, what: str, step: Step, suffix: str = '.json') -> str:
    """``<work root>/reproduce/<what>/<step slug><suffix>``."""
    return osp.join(work_root, STATE_DIR, what, step.slug + suffix)


def log_path(work_root: str, step: Step) -> str:
    return state_path(work_root, 'logs', step, '.log')


def failure(work_root: str, step: Step) -> Optional[dict]:
    """The record of the step's last failure (``error``, ``log``), or None."""
    return read_json(state_path(work_root, 'failed', step))


def epoch_progress(work_dir: Optional[str]) -> Optional[int]:
    """The last epoch a run saved (``last_checkpoint``) or logged (scalars); None if it
    wrote nothing yet."""
    if not work_dir or not osp.isdir(work_dir):
        return None
    pointer = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(pointer):
        found = re.search(r'epoch_(\d+)\.pth', open(pointer).read())
        if found:
            return int(found.group(1))
    epochs = load_epochs(work_dir)
    return max(epochs) if epochs else (0 if glob.glob(osp.join(work_dir, '*')) else None)


def step_state(step: Step, work_root: str, report_out: str, lock_held: bool,
               max_epochs: Optional[int] = None) -> str:
    """``done``, ``failed (log: ...)``, ``running (epoch e/E)``, ``interrupted at epoch
    e/E`` or ``not started``."""
    if step.done(work_root, report_out):
        return 'done'
    failed = failure(work_root, step)
    if failed:
        return f'failed (log: {failed.get("log")})'
    work_dir = step.work_dir(work_root)
    if step.kind == 'pbt':
        work_dir = work_dir if osp.isdir(work_dir or '') else osp.join(work_root, step.stem)
    epoch = epoch_progress(work_dir) if step.kind in ('train', 'pbt') else None
    if epoch is None:
        return 'running' if lock_held and _started(work_root, step) else 'not started'
    progress = f'epoch {epoch}/{max_epochs or "?"}'
    return f'running ({progress})' if lock_held else f'interrupted at {progress} (resumes)'


def _started(work_root: str, step: Step) -> bool:
    return osp.isfile(log_path(work_root, step))


def record(work_root: str, what: str, step: Step, data: dict) -> str:
    """Write ``data`` as the step's ``what`` record (atomically)."""
    path = state_path(work_root, what, step)
    os.makedirs(osp.dirname(path), exist_ok=True)
    return write_json(path, data)


def clear(work_root: str, what: str, step: Step) -> None:
    path = state_path(work_root, what, step)
    if osp.isfile(path):
        os.remove(path)
