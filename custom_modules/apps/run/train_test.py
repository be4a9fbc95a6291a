"""Train and test Runners, built the way ``tools/train.py`` and ``tools/test.py`` build them.

The tools parse their flags into a :class:`RunSpec` and call these;
:mod:`.experiments` calls the same functions in its own process, so a config
trains and tests identically either way. :func:`run_test` returns what
``runner.test()`` returned and can write it to a JSON file (rank 0, atomically).
"""
import os.path as osp
from dataclasses import dataclass, fields
from typing import Optional

from mmengine.config import Config

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits

from ..results import write_json
from .config import drop_schedulers_after_the_run, load_run_config
from .fast_options import apply_fast_options
from .runner import adapt_to_device, build_runner

# visualization hook types and how each one is told to draw into a folder
_SHOW_KEYS = {'VisualizationHook': dict(enable=True),       # mmpretrain
              'DetVisualizationHook': dict(draw=True),     # mmdet
              'SegVisualizationHook': dict(draw=True)}     # mmseg


@dataclass
class RunSpec:
    """One run as the flags of ``tools/train.py`` and ``tools/test.py`` describe it.

    ``config``: the config file; ``work_dir``: default ``work_dirs/<config name>``;
    ``cfg_options``: ``--cfg-options`` as parsed (``{'a.b': 1}``); ``launcher``,
    ``local_rank``: distributed launch. Training only: ``resume`` (a checkpoint, or
    ``'auto'`` for the work dir's last), ``amp``, ``channels_last``, ``compile``
    (:func:`~.fast_options.apply_fast_options`), ``auto_scale_lr``, ``no_validate``.
    """
    config: str
    work_dir: Optional[str] = None
    cfg_options: Optional[dict] = None
    launcher: str = 'none'
    local_rank: int = 0
    resume: Optional[str] = None
    amp: bool = False
    auto_scale_lr: bool = False
    no_validate: bool = False
    channels_last: bool = False
    compile: bool = False

    @classmethod
    def from_args(cls, args) -> 'RunSpec':
        """The spec of a tool's parsed arguments (the fields the namespace has)."""
        return cls(**{f.name: getattr(args, f.name) for f in fields(cls) if hasattr(args, f.name)})

    def load(self) -> Config:
        """The config with overrides, launcher and work dir applied."""
        return load_run_config(self.config, self.cfg_options, self.launcher, self.work_dir,
                               self.local_rank)


def build_train_cfg(spec: RunSpec) -> Config:
    """The training config of ``spec``.

    Every run is made preemptible (SIGTERM: checkpoint after the iteration, exit 143) by
    two small edits, :func:`~custom_modules.plugins.engine.preemption.enable_preemption`:
    a ``PreemptionHook`` unless the config has one, and a plain epoch loop swapped for
    ``ResumableEpochBasedTrainLoop`` (other loop types are left alone)."""
    from custom_modules.plugins.engine.preemption import enable_preemption
    cfg = spec.load()
    enable_preemption(cfg)
    drop_schedulers_after_the_run(cfg)
    apply_fast_options(cfg, spec.amp, spec.channels_last, spec.compile)
    if spec.auto_scale_lr:
        cfg.auto_scale_lr = dict(cfg.get('auto_scale_lr') or {}, enable=True)
    if spec.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if spec.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif spec.resume:
        cfg.resume, cfg.load_from = True, spec.resume
    adapt_to_device(cfg, spec.launcher)
    return cfg


def build_test_cfg(spec: RunSpec, checkpoint: str, show_dir: Optional[str] = None) -> Config:
    """The test config of ``spec`` with ``checkpoint``; ``show_dir``: draw the predictions
    there."""
    cfg = spec.load()
    if '://' not in checkpoint and not osp.isfile(checkpoint):  # URLs load when the run starts
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
                                 f'default_hooks of {spec.config}')
        hook.update(_SHOW_KEYS[hook_type])
        if hook_type == 'SegVisualizationHook':
            # mmseg's hook draws through the visualizer's backends: every image, into save_dir
            hook['interval'] = 1
            cfg.visualizer['save_dir'] = osp.join(cfg.work_dir, show_dir)
        else:
            hook['test_out_dir' if hook_type != 'VisualizationHook' else 'out_dir'] = show_dir
    adapt_to_device(cfg, spec.launcher)
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
