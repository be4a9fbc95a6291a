"""Train and test Runners, built the way ``tools/train.py`` and ``tools/test.py`` build them.

The tools parse their flags and call these; :mod:`.experiments` calls the
same functions in its own process, so a config trains and tests identically
either way. :func:`run_test` returns what ``runner.test()`` returned and can
write it to a JSON file (rank 0, atomically).
"""
import json
import os.path as osp
from typing import Optional

from mmengine.config import Config

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_local_backend import atomic_write_bytes
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits

from .fast_options import apply_fast_options
from .launch import adapt_to_device, build_runner, drop_schedulers_after_the_run, load_run_config

# visualization hook types and how each one is told to draw into a folder
_SHOW_KEYS = {'VisualizationHook': dict(enable=True),       # mmpretrain
              'DetVisualizationHook': dict(draw=True),     # mmdet
              'SegVisualizationHook': dict(draw=True)}     # mmseg


def build_train_cfg(config: str, work_dir: Optional[str] = None, cfg_options: dict = None,
                    launcher: str = 'none', resume: Optional[str] = None, amp: bool = False,
                    auto_scale_lr: bool = False, no_validate: bool = False,
                    local_rank: int = 0, channels_last: bool = False,
                    compile: bool = False) -> Config:
    """The training config; ``resume``: a checkpoint, or ``'auto'`` for the work dir's last;
    ``amp``, ``channels_last``, ``compile``: :func:`~.fast_options.apply_fast_options`.

    Every run is made preemptible (SIGTERM: checkpoint after the iteration, exit 143) by
    two small edits, :func:`~custom_modules.plugins.engine.preemption.enable_preemption`:
    a ``PreemptionHook`` unless the config has one, and a plain epoch loop swapped for
    ``ResumableEpochBasedTrainLoop`` (other loop types are left alone)."""
    from custom_modules.plugins.engine.preemption import enable_preemption
    cfg = load_run_config(config, cfg_options, launcher, work_dir, local_rank)
    enable_preemption(cfg)
    drop_schedulers_after_the_run(cfg)
    apply_fast_options(cfg, amp, channels_last, compile)
    if auto_scale_lr:
        cfg.auto_scale_lr = dict(cfg.get('auto_scale_lr') or {}, enable=True)
    if no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif resume:
        cfg.resume, cfg.load_from = True, resume
    adapt_to_device(cfg, launcher)
    return cfg


def build_test_cfg(config: str, checkpoint: str, work_dir: Optional[str] = None,
                   cfg_options: dict = None, launcher: str = 'none',
                   show_dir: Optional[str] = None, local_rank: int = 0) -> Config:
    """The test config of ``checkpoint``; ``show_dir``: draw the predictions there."""
    cfg = load_run_config(config, cfg_options, launcher, work_dir, local_rank)
    if not osp.isfile(checkpoint):
        raise UserInputError(f'checkpoint {checkpoint} does not exist')
    cfg.load_from = checkpoint
    # mmengine's EarlyStoppingHook builds the train loop in before_run, so a test
    # would need the training data; it has nothing to do in a test anyway
    cfg.custom_hooks = [h for h in cfg.get('custom_hooks') or []
                        if str(h.get('type', '')).split('.')[-1] != 'EarlyStoppingHook']
    if show_dir:
        hook = cfg.default_hooks.get('visualization')
        hook_type = hook.get('type', '').split('.')[-1] if hook else None
        if hook_type not in _SHOW_KEYS:
            raise UserInputError(f'--show-dir needs a visualization hook in '
                                 f'default_hooks of {config}')
        hook.update(_SHOW_KEYS[hook_type])
        if hook_type == 'SegVisualizationHook':
            # mmseg's hook draws through the visualizer's backends: every image, into save_dir
            hook['interval'] = 1
            cfg.visualizer['save_dir'] = osp.join(cfg.work_dir, show_dir)
        else:
            hook['test_out_dir' if hook_type != 'VisualizationHook' else 'out_dir'] = show_dir
    adapt_to_device(cfg, launcher)
    return cfg


def run_train(cfg: Config) -> None:
    """Build the Runner of ``cfg`` and train; a ``load_from`` (not a resume) loads as in
    mmengine, non-strictly, with a one-line summary of what matched."""
    runner = build_runner(cfg)
    if cfg.get('load_from') and not cfg.get('resume'):
        check_checkpoint_fits(runner.model, cfg.load_from, allow_partial=True)
    runner.train()


def run_test(cfg: Config, out: Optional[str] = None, pred_csv: Optional[str] = None,
             metrics_out: Optional[str] = None, allow_partial: bool = False) -> dict:
    """Test with the Runner of ``cfg``; ``out``: pickle of the raw predictions, ``pred_csv``:
    classification rows, ``metrics_out``: JSON of the returned metrics. Returns the metrics.
    The checkpoint must fit the model exactly unless ``allow_partial``."""
    if out and not out.endswith(('.pkl', '.pickle')):
        raise UserInputError(f'--out {out}: the raw predictions are a pickle; '
                             'give a file name ending in .pkl')
    runner = build_runner(cfg)
    check_checkpoint_fits(runner.model, cfg.load_from, allow_partial, cfg.filename)
    if out:
        from mmengine.evaluator import DumpResults
        runner.test_evaluator.metrics.append(DumpResults(out_file_path=out))
    if pred_csv:
        from custom_modules.plugins.evaluation import PredictionCSV
        metric = PredictionCSV(out_file=pred_csv)
        metric.dataset_meta = runner.test_evaluator.dataset_meta
        runner.test_evaluator.metrics.append(metric)
    metrics = runner.test()
    if metrics_out:
        from mmengine.dist import is_main_process
        if is_main_process():
            write_json(metrics_out, metrics)
    return metrics


def write_json(path: str, data: dict) -> str:
    """Write ``data`` as JSON atomically (the engine's temporary file, fsync and rename)."""
    atomic_write_bytes(json.dumps(data, indent=2, default=_plain).encode(), path)
    return path


def _plain(value):
    """numpy / torch scalars and arrays as JSON numbers and lists."""
    if hasattr(value, 'tolist'):
        return value.tolist()
    raise TypeError(f'{type(value).__name__} is not JSON serializable')
