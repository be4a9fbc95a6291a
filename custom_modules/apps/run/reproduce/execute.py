"""Running a report's steps in dependency order through the existing runners.

Training runs go through :func:`..matrix.run_one` (one device, or ``tools/dist_train.sh``
with ``gpus`` > 1) or :func:`..matrix_ray.run_matrix_on_ray` (``--ray``: the ready runs
of a wave as Ray tasks, retried by Ray when a worker dies, resuming from their
checkpoint); a grid through :func:`..grid.run_grid`; PBT, figures, videos and the CamVid
evaluation through the functions the CLI hands in (:class:`Actions`: the job packages
this package does not import). A finished step is skipped; an interrupted run resumes
from its ``last_checkpoint``. A failed step is recorded with its log; the steps that do
not depend on it still run.
"""
import contextlib
import csv
import os
import os.path as osp
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

from ...data.smoke_data import make_camvid
from ...results import best_checkpoint, epoch_checkpoint, write_json
from ..config import REPO_ROOT
from ..matrix import Run, run_one
from .smoke import smoke_config, smoke_segmenter
from .steps import DONE_FILE, STATE_DIR, Step, clear, log_path, record


class StepFailed(Exception):
    """A step did not finish; the message says why."""


@dataclass
class Actions:
    """The job-package functions the steps call (handed in by ``tools/reproduce.py``):
    ``bench(config) -> images/s``, ``pbt_search`` (:func:`apps.pbt.search.run_search`),
    ``proposals`` (``draw_proposals``), ``compare`` (``compare_detectors``), ``camvid``
    (``eval_camvid``), ``video`` (``segment_sequences``) with ``video_options``
    (``VideoOptions``)."""
    bench: Optional[Callable] = None
    pbt_search: Optional[Callable] = None
    proposals: Optional[Callable] = None
    compare: Optional[Callable] = None
    camvid: Optional[Callable] = None
    video: Optional[Callable] = None
    video_options: Optional[Callable] = None


@dataclass
class Context:
    """Where and how the steps run."""
    report: str
    work_root: str
    report_out: str
    smoke: bool = False
    gpus: int = 1
    ray: bool = False
    address: Optional[str] = None
    gpus_per_run: Optional[float] = None
    actions: Actions = field(default_factory=Actions)
    made: set = field(default_factory=set)

    def config(self, config: str) -> str:
        """The config a step runs: the repository's, or its smoke version."""
        path = osp.join(REPO_ROOT, config)
        if not self.smoke:
            return path
        smoke = osp.join(self.work_root, STATE_DIR, 'smoke_configs', osp.basename(config))
        if not osp.isfile(smoke):
            smoke_config(path, osp.join(self.work_root, STATE_DIR, 'smoke_data'),
                         osp.dirname(smoke), self.made)
        return osp.abspath(smoke)

    def segmenter(self, config: str, checkpoint: str) -> tuple:
        """A published Cityscapes model, or its tiny random stand-in in a smoke run."""
        if not self.smoke:
            return osp.join(REPO_ROOT, config), checkpoint
        return smoke_segmenter(osp.join(REPO_ROOT, config),
                               osp.join(self.work_root, STATE_DIR, 'smoke_models'))

    def camvid_root(self) -> str:
        """CamVid's test frames and labels (generated ones in a smoke run)."""
        if not self.smoke:
            return 'data/camvid'
        root = osp.join(self.work_root, STATE_DIR, 'smoke_data', 'camvid')
        if not osp.isdir(root):
            make_camvid(root)
        return root


def git_commit() -> str:
    try:
        out = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=REPO_ROOT,
                             capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(['git', 'status', '--porcelain', '--untracked-files=no'],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return 'unknown'
    return out.stdout.strip() + ('+changes' if dirty.stdout.strip() else '') or 'unknown'


def provenance(step: Step, ctx: Context, device: str) -> dict:
    return dict(step=step.id, configs=step.configs, commit=git_commit(), device=device,
                date=time.strftime('%Y-%m-%d %H:%M:%S'), smoke=ctx.smoke)


# --- the kinds ------------------------------------------------------------------------
def _lr_option(step: Step, ctx: Context) -> List[str]:
    """``optim_wrapper.optimizer.lr=<the grid's best lr>`` for a run whose lr a grid decides
    (the first row of its ranking, ``grid.csv``)."""
    if not step.args.get('lr_from'):
        return []
    table = osp.join(ctx.work_root, step.args['grid_dir'], 'grid.csv')
    if not osp.isfile(table):
        raise StepFailed(f'{step.id}: the lr grid ({step.args["lr_from"]}) has no ranking '
                         f'{table} yet')
    with open(table, newline='') as f:
        best = next(csv.DictReader(f))
    print(f'{step.id}: lr {best["lr"]} (best of the grid, {table})')
    return [f'optim_wrapper.optimizer.lr={best["lr"]}']


def train_options(step: Step, ctx: Context) -> List[str]:
    return _lr_option(step, ctx)


def _train(step: Step, ctx: Context) -> None:
    config = ctx.config(step.config)
    run = Run(config, osp.join(ctx.work_root, step.stem), step.id)
    ok, line = run_one(run, train_options(step, ctx), ctx.gpus)
    print(line, flush=True)
    if not ok:
        raise StepFailed(line)


def _grid(step: Step, ctx: Context) -> None:
    from ..grid import run_grid
    failed = run_grid(ctx.config(step.config), step.args['grid'], ctx.work_root, ctx.gpus,
                      run_configs=ray_matrix(ctx) if ctx.ray else None)
    if failed:
        raise StepFailed(f'grid points failed: {", ".join(failed)}')


def _pbt(step: Step, ctx: Context) -> None:
    if ctx.smoke:  # a population needs a Ray cluster: the smoke run trains the config once
        return _train(step, ctx)  # (the work dir of the config's fixed-hyperparameter run)
    if ctx.actions.pbt_search is None:
        raise StepFailed('no PBT runner given')
    ctx.actions.pbt_search(ctx.config(step.config), work_dir=step.work_dir(ctx.work_root),
                           address=ctx.address)


def checkpoint_of(step_id: str, epoch: Optional[int], steps: Dict[str, Step],
                  ctx: Context) -> str:
    """The checkpoint a figure needs: epoch ``epoch`` of the step's run (the smoke run: its
    last), or its best."""
    work_dir = steps[step_id].work_dir(ctx.work_root)
    if epoch and not ctx.smoke:
        path = epoch_checkpoint(work_dir, epoch)
        if not path:
            path = osp.join(work_dir, f'epoch_{epoch}.pth')
            raise StepFailed(f'{path} does not exist: the figure needs the epoch-{epoch} '
                             f'checkpoint of {step_id} (kept by the config\'s checkpoint '
                             'retention; rerun that step if it was deleted)')
        return path
    path = best_checkpoint(work_dir)
    if not path:
        raise StepFailed(f'{step_id} has no checkpoint in {work_dir}')
    return path


def voc_test_images(config: str, count: int) -> List[str]:
    """The first ``count`` VOC2007-test images by image ID (not by a loader's order)."""
    from mmengine.config import Config
    dataset = Config.fromfile(config).test_dataloader.dataset
    while dataset.get('dataset') is not None:
        dataset = dataset['dataset']
    root = osp.join(dataset['data_root'], (dataset.get('data_prefix') or {}).get(
        'sub_data_root', ''))
    with open(osp.join(dataset['data_root'], dataset['ann_file'])) as f:
        names = sorted(line.split()[0] for line in f if line.strip())
    return [osp.join(root, 'JPEGImages', f'{name}.jpg') for name in names[:count]]


def _figure(step: Step, ctx: Context, steps: Dict[str, Step]) -> None:
    out = step.out_dir(ctx.report_out)
    models = [(ctx.config(config), checkpoint_of(step_id, epoch, steps, ctx))
              for config, (step_id, epoch) in zip(step.configs, step.args['checkpoints'])]
    options = {k: step.args[k] for k in ('score_thr', 'nms_iou', 'max_boxes', 'names')
               if k in step.args}
    device = 'cuda' if _cuda() else 'cpu'
    if step.args['action'] == 'proposals':
        config, checkpoint = models[0]
        ctx.actions.proposals(config, checkpoint, voc_test_images(config,
                                                                  step.args['voc_test_images']),
                              out, num_proposals=step.args['num_proposals'],
                              score_thr=step.args.get('score_thr', 0.3), device=device)
    else:
        ctx.actions.compare(models, None, out, device=device, **options)


def _camvid(step: Step, ctx: Context) -> None:
    out = step.out_dir(ctx.report_out)
    ctx.actions.camvid(ctx.camvid_root(), [ctx.segmenter(c, k) for c, k in step.args['models']],
                       out_dir=out)


def _video(step: Step, ctx: Context) -> None:
    out = step.out_dir(ctx.report_out)
    options = ctx.actions.video_options(layout=step.args['layout'], fps=5, tta=True,
                                        amp=_cuda(), progress=False)
    figure = step.args.get('figure')
    ctx.actions.video(osp.join(ctx.camvid_root(), 'test'), out,
                      [ctx.segmenter(c, k) for c, k in step.args['models']], options,
                      save_frames=osp.join(out, 'frames') if figure else None,
                      figure=osp.join(ctx.report_out, figure) if figure else None)


def _cuda() -> bool:
    import torch
    return torch.cuda.is_available()


def _table(step: Step, ctx: Context) -> None:
    """Nothing here: the report's folder is written after the other steps."""


KINDS = {'train': lambda s, c, _: _train(s, c), 'grid': lambda s, c, _: _grid(s, c),
         'pbt': lambda s, c, _: _pbt(s, c), 'figure': _figure,
         'test': lambda s, c, _: _camvid(s, c), 'video': lambda s, c, _: _video(s, c),
         'table': lambda s, c, _: _table(s, c)}


def ray_matrix(ctx: Context) -> Callable:
    """``configs -> failed names`` on Ray (Ray retries a run whose worker died)."""
    from ..matrix_ray import run_matrix_on_ray

    def run(configs, work_root, options=()):
        return run_matrix_on_ray(configs, work_root, list(options), ctx.address,
                                 gpus_per_run=ctx.gpus_per_run, max_retries=3)
    return run


# --- the loop -------------------------------------------------------------------------
@contextlib.contextmanager
def logged(path: str):
    """The step's output (print, logging to stdout/stderr, tracebacks) into ``path``."""
    os.makedirs(osp.dirname(path), exist_ok=True)
    with open(path, 'a', buffering=1) as log, contextlib.redirect_stdout(log), \
            contextlib.redirect_stderr(log):
        yield


def run_steps(steps: List[Step], ctx: Context, device: str) -> List[str]:
    """Run every step not done, in order; the ids of the steps that failed or could not run
    because a step they need failed."""
    by_id = {s.id: s for s in steps}
    failed: List[str] = []
    todo = [s for s in steps if s.kind != 'table']
    for number, step in enumerate(todo, 1):
        prefix = f'[{number}/{len(todo)}] {step.id}'
        if step.id in failed:  # failed in a Ray wave
            continue
        blocked = [d for d in step.deps if d in failed]
        if blocked:
            print(f'{prefix}: not run, it needs {", ".join(blocked)} (failed)', flush=True)
            failed.append(step.id)
            continue
        if step.done(ctx.work_root, ctx.report_out):
            print(f'{prefix}: done earlier', flush=True)
            continue
        if ctx.ray and step.kind == 'train':
            batch = [s for s in todo[number - 1:] if s.kind == 'train' and not s.deps
                     and not s.done(ctx.work_root, ctx.report_out)] if not step.deps else [step]
            _ray_wave(batch, ctx, device, failed)
            continue
        log = log_path(ctx.work_root, step)
        print(f'{prefix}: running (log: {log})', flush=True)
        start = time.time()
        try:
            with logged(log):
                print(f'=== {step.id} {time.strftime("%Y-%m-%d %H:%M:%S")}', flush=True)
                KINDS[step.kind](step, ctx, by_id)
        except Exception as e:  # one failed step must not stop the independent ones
            with logged(log):
                traceback.print_exc()
            record(ctx.work_root, 'failed', step, dict(error=str(e), log=log))
            print(f'{prefix}: FAILED ({" ".join(str(e).split())[:300]}); log: {log}',
                  file=sys.stderr, flush=True)
            failed.append(step.id)
            continue
        finish(step, ctx, device)
        print(f'{prefix}: done in {time.time() - start:.0f} s', flush=True)
    return failed


def finish(step: Step, ctx: Context, device: str) -> None:
    """Record a finished step: its provenance (and a figure's, video's or test's done
    marker), its old failure cleared."""
    data = provenance(step, ctx, device)
    record(ctx.work_root, 'provenance', step, data)
    if step.kind in ('figure', 'video', 'test'):
        os.makedirs(step.out_dir(ctx.report_out), exist_ok=True)
        write_json(osp.join(step.out_dir(ctx.report_out), DONE_FILE), data)
    clear(ctx.work_root, 'failed', step)


def _ray_wave(batch: List[Step], ctx: Context, device: str, failed: List[str]) -> None:
    """The ready training runs of ``batch`` as one Ray wave (runs without dependencies
    share no options)."""
    pending = [s for s in batch if s.id not in failed]
    if not pending:
        return
    options = train_options(pending[0], ctx)
    names = ray_matrix(ctx)([ctx.config(s.config) for s in pending], ctx.work_root, options)
    for step in pending:
        if step.stem in names:
            log = log_path(ctx.work_root, step)
            record(ctx.work_root, 'failed', step, dict(error='failed on Ray', log=log))
            print(f'{step.id}: FAILED on Ray; work dir {step.work_dir(ctx.work_root)}',
                  file=sys.stderr, flush=True)
            failed.append(step.id)
        else:
            finish(step, ctx, device)
