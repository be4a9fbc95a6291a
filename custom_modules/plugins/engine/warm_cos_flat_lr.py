"""Quadratic warm-up, cosine decay and a flat tail at the minimum in one lr scheduler.

The bubbliiing Faster R-CNN of reports 000/001 sets one lr per epoch: a warm-up
from 0.1x that rises with the *square* of the epoch, a cosine to ``Min_lr`` and
the last epochs at ``Min_lr``. mmengine's ``LinearLR``/``QuadraticWarmupLR``
cannot start at 0.1x with a quadratic rise, and chaining schedulers needs
begin/end off-by-ones per experiment; this scheduler states the three phases by
their epoch counts.
"""
import math

from mmengine.optim.scheduler.lr_scheduler import LRSchedulerMixin
from mmengine.optim.scheduler.param_scheduler import INF, _ParamScheduler
from mmengine.registry import PARAM_SCHEDULERS


def warm_cos_flat_value(step: int, base: float, total: int, warmup: int, flat: int,
                        start_factor: float, eta_min: float) -> float:
    """The value at 0-based ``step``: ``base * (s + (1 - s) * (step / warmup) ** 2)``
    for ``step < warmup``; cosine from ``base`` to ``eta_min`` over ``(step - warmup) /
    (total - flat - warmup)`` up to ``total - flat``; ``eta_min`` from there on."""
    if step < warmup:
        return base * (start_factor + (1 - start_factor) * (step / warmup) ** 2)
    if step >= total - flat:
        return eta_min
    progress = (step - warmup) / (total - flat - warmup)
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * progress)) / 2


@PARAM_SCHEDULERS.register_module()
class WarmCosFlatLR(LRSchedulerMixin, _ParamScheduler):
    """Per-epoch lr: quadratic warm-up from ``warmup_start_factor``, cosine, flat tail.

    With ``T = end - begin`` steps (epochs with ``by_epoch=True``) and ``e`` counted from
    ``begin``: ``e < W``: ``lr = base * (s + (1 - s) * (e / W) ** 2)``; ``W <= e < T - F``:
    ``eta_min + (base - eta_min) * (1 + cos(pi * (e - W) / (T - F - W))) / 2``;
    ``e >= T - F``: ``eta_min``. Computed in closed form (resuming is exact).

    Args:
        optimizer (Optimizer | OptimWrapper): The wrapped optimizer.
        warmup_epochs (int): ``W``, epochs of warm-up.
        flat_epochs (int): ``F``, last epochs at ``eta_min``.
        eta_min (float): Minimum lr (absolute). Defaults to 0.
        warmup_start_factor (float): ``s``, the first epoch's factor. Defaults to 0.1.
        begin (int): First step. Defaults to 0.
        end (int): Last step + 1 (required: the cosine's length depends on it).
        by_epoch (bool): Step per epoch. Defaults to True.
        last_step (int): mmengine's resume argument. Defaults to -1.
        verbose (bool): Print each change. Defaults to False.

    Example::

        param_scheduler = dict(type='WarmCosFlatLR', warmup_epochs=3, flat_epochs=5,
                               eta_min=1.25e-5, begin=0, end=100, by_epoch=True)
    """

    def __init__(self, optimizer, warmup_epochs: int, flat_epochs: int,
                 eta_min: float = 0.0, warmup_start_factor: float = 0.1, begin: int = 0,
                 end: int = INF, by_epoch: bool = True, last_step: int = -1,
                 verbose: bool = False):
        if not math.isfinite(end) or end >= INF:
            raise ValueError('WarmCosFlatLR needs a finite end (the number of epochs)')
        if not (warmup_epochs >= 0 and flat_epochs >= 0
                and warmup_epochs + flat_epochs < end - begin):
            raise ValueError(f'WarmCosFlatLR: warm-up ({warmup_epochs}) + flat tail '
                             f'({flat_epochs}) must leave cosine epochs in {end - begin}')
        self.warmup, self.flat, self.eta_min = warmup_epochs, flat_epochs, eta_min
        self.start_factor = warmup_start_factor
        super().__init__(optimizer, begin=begin, end=end, last_step=last_step,
                         by_epoch=by_epoch, verbose=verbose)

    def _get_value(self):
        return [warm_cos_flat_value(self.last_step, base, self.end - self.begin, self.warmup,
                                    self.flat, self.start_factor, self.eta_min)
                for base in self.base_values]
