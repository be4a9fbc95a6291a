"""An optimizer wrapper that autocasts forward passes, without loss scaling, on any device.

mmengine's ``AmpOptimWrapper`` refuses to run without a GPU and always scales
the loss (float16's narrow range needs it). bfloat16 has float32's range, so
it trains without a loss scaler, and CPUs autocast to it too.
"""
import contextlib

import torch
from mmengine.optim import OptimWrapper
from mmengine.registry import OPTIM_WRAPPERS


@OPTIM_WRAPPERS.register_module()
class AutocastOptimWrapper(OptimWrapper):
    """``OptimWrapper`` whose ``optim_context`` autocasts to ``dtype`` (no loss scaling).

    Args:
        dtype (str): The autocast type, ``'bfloat16'`` (any device) or
            ``'float16'`` (GPUs; prefer ``AmpOptimWrapper``, which scales the
            loss). Defaults to ``'bfloat16'``.
        **kwargs: ``OptimWrapper``'s arguments (``optimizer``, ``clip_grad``,
            ``accumulative_counts``).

    Example::

        optim_wrapper = dict(type='AutocastOptimWrapper', dtype='bfloat16',
                             optimizer=dict(type='SGD', lr=0.1, momentum=0.9))
    """

    def __init__(self, dtype: str = 'bfloat16', **kwargs):
        super().__init__(**kwargs)
        self.cast_dtype = getattr(torch, dtype) if isinstance(dtype, str) else dtype

    @contextlib.contextmanager
    def optim_context(self, model: torch.nn.Module):
        from mmengine.runner.amp import autocast
        with super().optim_context(model), autocast(dtype=self.cast_dtype):
            yield
