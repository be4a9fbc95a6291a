"""Helpers shared by ``tools/*.py``: config loading, CPU/distributed set-up, one-line errors.

OpenMMLab's tools assume CUDA for distributed runs (nccl, ``device_ids``);
here a run without a GPU gets the gloo backend and a CPU-friendly DDP wrapper
without the user editing the config.
"""
import contextlib
import os
import os.path as osp
import sys

import torch
import torch.distributed as torch_dist
from mmengine.config import Config, DictAction

from custom_modules.errors import UserInputError

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def load_tool(path: str):
    """A script of this repo (``tools/x.py``, relative to the repo root) as a module:
    ``tools/`` is not a package, and tools and tests reuse each other's functions."""
    import importlib.util
    name = osp.splitext(osp.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, osp.join(REPO_ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_common_args(parser) -> None:
    """The flags tools/train.py and tools/test.py share: overrides and launcher."""
    parser.add_argument('--work-dir', help='where logs (and checkpoints) go '
                        '(default: work_dirs/<config name>)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. train_cfg.max_epochs=2')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def load_run_config(args) -> Config:
    """Config of ``args.config`` with ``--cfg-options``, launcher and work dir applied."""
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    cfg = load_config(args.config, args.cfg_options)
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or default_work_dir(args.config)
    return cfg


def build_runner(cfg: Config):
    """mmengine's Runner, or the config's own ``runner_type``."""
    from mmengine.registry import RUNNERS
    from mmengine.runner import Runner
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
