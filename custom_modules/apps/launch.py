"""Helpers shared by ``tools/*.py``: config loading, CPU/distributed set-up, Runners, errors.

OpenMMLab's tools assume CUDA for distributed runs (nccl, ``device_ids``);
here a run without a GPU gets the gloo backend and a CPU-friendly DDP wrapper
without the user editing the config.
"""
import argparse
import itertools
import os
import os.path as osp

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, DictAction

from custom_modules.errors import ConfigError, OutputError, UserInputError

from .user_errors import add_debug_arg

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
_RUNNERS = itertools.count()  # Runners built in this process


def add_common_args(parser) -> None:
    """The flags tools/train.py and tools/test.py share: overrides and launcher."""
    parser.add_argument('--work-dir', help='where logs (and checkpoints) go '
                        '(default: work_dirs/<config name>)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. train_cfg.max_epochs=2')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    add_debug_arg(parser)


def add_allow_partial_arg(parser) -> None:
    """``--allow-partial``: evaluate with a checkpoint that does not fit the model exactly."""
    parser.add_argument('--allow-partial', action='store_true',
                        help='use the checkpoint even if it does not fit the model exactly '
                        '(missing, unexpected or reshaped tensors keep their initial values)')


def parse_cfg_options(items) -> dict:
    """``['a.b=1', 'c=[1,2]']`` parsed as ``--cfg-options`` parses them (mmengine's DictAction)."""
    bad = [item for item in items if '=' not in item]
    if bad:
        raise UserInputError(f'--cfg-options {bad[0]!r} is not KEY=VALUE')
    parser = argparse.ArgumentParser(prog='--cfg-options')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(['--cfg-options', *items] if items else []).cfg_options


def load_run_config(config: str, cfg_options: dict = None, launcher: str = 'none',
                    work_dir: str = None, local_rank: int = 0) -> Config:
    """Config of ``config`` with ``--cfg-options``, launcher and work dir applied."""
    os.environ.setdefault('LOCAL_RANK', str(local_rank))
    cfg = load_config(config, cfg_options)
    cfg.launcher = launcher
    cfg.work_dir = work_dir or cfg.get('work_dir') or default_work_dir(config)
    return cfg


def drop_schedulers_after_the_run(cfg: Config) -> None:
    """Leave out the by-epoch parameter schedulers that would start after the last epoch.

    mmengine gives a scheduler without ``end`` the run's ``max_epochs`` as its end, so
    one that begins later (e.g. the step decay after a one-epoch warm-up) fails to build
    with "end should be larger than begin" when a run is shortened from the command line
    (``--cfg-options train_cfg.max_epochs=1``). Such a scheduler would never act in this
    run; leaving it out keeps the lr of the epochs that do run exactly as in the full run.
    """
    max_epochs = (cfg.get('train_cfg') or {}).get('max_epochs')
    schedulers = cfg.get('param_scheduler')
    if not max_epochs or not schedulers:
        return
    schedulers = [schedulers] if isinstance(schedulers, dict) else list(schedulers)
    kept = [s for s in schedulers if not (s.get('by_epoch', True) and 'end' not in s
                                          and s.get('begin', 0) >= max_epochs)]
    if len(kept) < len(schedulers):
        print(f'{len(schedulers) - len(kept)} parameter scheduler(s) start after epoch '
              f'{max_epochs}, the last of this run: left out')
        cfg.param_scheduler = kept


def build_runner(cfg: Config):
    """mmengine's Runner, or the config's own ``runner_type``, with a name of its own.

    mmengine keeps loggers, message hubs, visualizers and default scopes in global
    tables keyed by the experiment name (the visualizer's by the config's
    ``visualizer.name`` when set); a second Runner of the same name in this process
    would write through the first one's. The first Runner keeps mmengine's name.
    """
    from mmengine.registry import RUNNERS
    from mmengine.runner import Runner
    check_writable_folder(cfg.work_dir)
    number = next(_RUNNERS)
    if number:
        stem = osp.splitext(osp.basename(cfg.filename or 'run'))[0]
        cfg.experiment_name = f'{cfg.get("experiment_name") or stem}_{number}'
    if isinstance(cfg.get('visualizer'), dict):
        cfg.visualizer.pop('name', None)  # named after the experiment
    return Runner.from_cfg(cfg) if 'runner_type' not in cfg else RUNNERS.build(cfg)


def load_config(path: str, cfg_options: dict = None) -> Config:
    """Load ``path`` (clear error if missing) and merge ``--cfg-options``."""
    if not osp.isfile(path):
        raise UserInputError(f'config file {path} does not exist')
    try:
        cfg = Config.fromfile(path)
    except SyntaxError as e:  # mmengine parses the text without its file name
        raise ConfigError(f'config {_file_with_syntax_error(path)}: line {e.lineno}: '
                          f'{e.msg}') from None
    if cfg_options:
        check_cfg_options(cfg, cfg_options, path)
        cfg.merge_from_dict(cfg_options)
    return cfg


def _file_with_syntax_error(path: str) -> str:
    """``path`` if its own text does not parse, else a note that one of its bases does."""
    try:
        with open(path) as f:
            compile(f.read(), path, 'exec')
    except SyntaxError:
        return path
    return f'{path} (in one of its _base_ files)'


def check_cfg_options(cfg: Config, cfg_options: dict, path: str) -> None:
    """Refuse a ``--cfg-options`` key whose top-level name neither the config nor the Runner
    knows: mmengine would add it and the run would silently ignore it."""
    import inspect

    from mmengine.runner import Runner
    known = set(cfg) | set(inspect.signature(Runner.__init__).parameters) | {
        'runner_type', 'custom_imports', 'default_scope', 'model_wrapper_cfg', 'compile'}
    for key in cfg_options:
        top = key.split('.')[0]
        if top not in known:
            keys = ', '.join(sorted(k for k in cfg if not k.startswith('_')))
            raise ConfigError(f'--cfg-options {key}: config {path} has no {top!r} '
                              f'(top-level keys: {keys})')


def check_writable_folder(folder: str) -> None:
    """A work dir that is a file, or where files cannot be created, is an error naming it."""
    if osp.exists(folder) and not osp.isdir(folder):
        raise OutputError(f'work dir {folder} is a file, not a folder; give another --work-dir')
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        raise OutputError(f'work dir {folder}: cannot create it ({e.strerror})') from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f'work dir {folder}: no permission to write in it')


def default_work_dir(config_path: str) -> str:
    """OpenMMLab layout: ``work_dirs/<config name without .py>``."""
    return osp.join('work_dirs', osp.splitext(osp.basename(config_path))[0])


def adapt_to_device(cfg: Config, launcher: str) -> None:
    """Make a distributed run work without CUDA: gloo backend, CPU DDP, process group."""
    if launcher == 'none' or torch.cuda.is_available():
        return
    cfg.setdefault('env_cfg', {}).setdefault('dist_cfg', {})['backend'] = 'gloo'
    wrapper = cfg.get('model_wrapper_cfg') or dict(
        type='MMDistributedDataParallel', broadcast_buffers=False)
    wrapper['device_ids'] = None  # CPU modules take none (mmengine passes LOCAL_RANK)
    cfg.model_wrapper_cfg = wrapper
    # mmengine's init_dist calls torch.cuda.set_device; start the group ourselves
    if launcher == 'pytorch' and not torch_dist.is_initialized():
        torch_dist.init_process_group(backend='gloo')
