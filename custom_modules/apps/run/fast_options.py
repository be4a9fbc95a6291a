"""``--amp``, ``--channels-last`` and ``--compile``: the config edits behind the speed flags.

``--amp`` autocasts to bfloat16 where the device supports it (every CPU; GPUs
with ``torch.cuda.is_bf16_supported()``), with no loss scaling
(:class:`~custom_modules.plugins.engine.AutocastOptimWrapper`), else to
float16 with mmengine's ``AmpOptimWrapper`` and dynamic loss scaling.
``--channels-last`` adds a ``ChannelsLastHook``; ``--compile`` sets mmengine's
``compile``.
"""
import torch
from mmengine.config import Config


def amp_dtype() -> torch.dtype:
    """The autocast type ``--amp`` trains with on this machine."""
    if torch.cuda.is_available() and not torch.cuda.is_bf16_supported():
        return torch.float16
    return torch.bfloat16


def apply_fast_options(cfg: Config, amp: bool = False, channels_last: bool = False,
                       compile: bool = False) -> Config:
    """Edit ``cfg`` in place for the flags given; returns it."""
    if amp:
        wrapper = cfg.optim_wrapper
        if amp_dtype() == torch.bfloat16:
            wrapper.type, wrapper.dtype = 'AutocastOptimWrapper', 'bfloat16'
            wrapper.pop('loss_scale', None)
        else:
            wrapper.type = 'AmpOptimWrapper'
            wrapper.setdefault('loss_scale', 'dynamic')
    if channels_last:
        hooks = list(cfg.get('custom_hooks') or [])
        if not any(str(h.get('type', '')).endswith('ChannelsLastHook') for h in hooks):
            hooks.append(dict(type='ChannelsLastHook'))
        cfg.custom_hooks = hooks
    if compile:
        cfg.compile = True
    return cfg
