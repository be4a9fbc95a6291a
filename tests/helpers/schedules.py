"""Dry-run a config's param schedulers without training: the lr of every iteration.

Schedulers are built the way mmengine's Runner builds them (``convert_to_iter_based``
turns a per-epoch scheduler into a per-iteration one) and stepped the way its train loop
steps them: iteration-based ones after every iteration, epoch-based ones after every epoch.
"""
import copy

import torch
from mmengine.config import Config
from mmengine.registry import PARAM_SCHEDULERS


def lr_per_iteration(config, iters_per_epoch, epochs=None, group=0):
    """``lrs[e][i]``: the lr of param group ``group`` at iteration ``i`` of epoch ``e + 1``.

    ``config`` is a path or a Config; ``epochs`` defaults to ``train_cfg.max_epochs``.
    """
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    epochs = epochs or cfg.train_cfg.max_epochs
    optim_cfg = cfg.optim_wrapper.optimizer
    model = torch.nn.Linear(1, 1)
    optimizer = torch.optim.SGD([{'params': [model.weight]}, {'params': [model.bias]}],
                                lr=optim_cfg.lr)
    schedulers = []
    scheduler_cfgs = cfg.get('param_scheduler') or []
    if isinstance(scheduler_cfgs, dict):
        scheduler_cfgs = [scheduler_cfgs]
    for scheduler_cfg in scheduler_cfgs:
        scheduler_cfg = copy.deepcopy(dict(scheduler_cfg))
        scheduler_type = PARAM_SCHEDULERS.get(scheduler_cfg.pop('type'))
        if scheduler_cfg.pop('convert_to_iter_based', False):
            scheduler = scheduler_type.build_iter_from_epoch(
                optimizer, epoch_length=iters_per_epoch, **scheduler_cfg)
        else:
            scheduler = scheduler_type(optimizer, **scheduler_cfg)
        schedulers.append(scheduler)
    lrs = []
    for _ in range(epochs):
        epoch = []
        for _ in range(iters_per_epoch):
            epoch.append(optimizer.param_groups[group]['lr'])
            optimizer.step()
            for scheduler in schedulers:
                if not scheduler.by_epoch:
                    scheduler.step()
        for scheduler in schedulers:
            if scheduler.by_epoch:
                scheduler.step()
        lrs.append(epoch)
    return lrs


def lr_per_epoch(config, iters_per_epoch=1, epochs=None):
    """The lr at the first iteration of each epoch (``lrs[e]`` is epoch ``e + 1``'s)."""
    return [epoch[0] for epoch in lr_per_iteration(config, iters_per_epoch, epochs)]
