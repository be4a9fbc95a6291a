"""Runner and device set-up: a writable work dir, a Runner with a name of its own, and
distributed runs without CUDA.

OpenMMLab's tools assume CUDA for distributed runs (nccl, ``device_ids``);
here a run without a GPU gets the gloo backend and a CPU-friendly DDP wrapper
without the user editing the config.
"""
import itertools
import os
import os.path as osp

import torch
import torch.distributed as torch_dist
from mmengine.config import Config

from custom_modules.errors import OutputError

_RUNNERS = itertools.count()  # Runners built in this process


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
