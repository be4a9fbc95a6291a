"""Reseed every RNG at the start of each training epoch.

mmengine's resume restores weights, optimizer, schedulers and the sampler's
epoch, but not the random state that augmentations and dropout consume: a
resumed run restarts that state from the base seed, so it diverges from an
uninterrupted run. Seeding with ``seed + epoch`` before each epoch makes a run
killed and resumed at an epoch boundary reproduce the uninterrupted run exactly
(on deterministic kernels).
"""
from mmengine.hooks import Hook
from mmengine.registry import HOOKS
from mmengine.runner import set_random_seed


@HOOKS.register_module()
class EpochSeedHook(Hook):
    """Call ``set_random_seed(runner.seed + epoch)`` before each train epoch.

    Args:
        None: the hook takes no arguments; the seed is the config's ``randomness.seed``.

    Example::

        custom_hooks = [dict(type='EpochSeedHook')]
    """

    priority = 'VERY_HIGH'

    def before_train_epoch(self, runner) -> None:
        randomness = getattr(runner, '_randomness_cfg', {}) or {}
        set_random_seed(runner.seed + runner.epoch,
                        diff_rank_seed=randomness.get('diff_rank_seed', False))
