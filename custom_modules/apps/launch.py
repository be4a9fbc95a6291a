"""Helpers shared by ``tools/*.py``: config loading, CPU/distributed set-up, Runners, errors.

OpenMMLab's tools assume CUDA for distributed runs (nccl, ``device_ids``);
here a run without a GPU gets the gloo backend and a CPU-friendly DDP wrapper
without the user editing the config.
"""
import argparse
import contextlib
import itertools
import os
import os.path as osp
import sys

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, DictAction

from custom_modules.errors import UserInputError

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


def build_runner(cfg: Config):
    """mmengine's Runner, or the config's own ``runner_type``, with a name of its own.

    mmengine keeps loggers, message hubs, visualizers and default scopes in global
    tables keyed by the experiment name (the visualizer's by the config's
    ``visualizer.name`` when set); a second Runner of the same name in this process
    would write through the first one's. The first Runner keeps mmengine's name.
    """
    from mmengine.registry import RUNNERS
    from mmengine.runner import Runner
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
    cfg = Config.fromfile(path)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return cfg


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


@contextlib.contextmanager
def user_errors():
    """Print user errors (and missing files) as one ``error:`` line, exit code 2."""
    try:
        yield
    except (UserInputError, FileNotFoundError) as e:
        print(f'error: {e}', file=sys.stderr)
        sys.stderr.flush()
        sys.exit(2)
