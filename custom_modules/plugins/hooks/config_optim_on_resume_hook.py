"""Resume a run with the config's learning rate and weight decay, not the checkpoint's.

mmengine's resume restores the optimizer's param groups (lr, ``initial_lr``,
weight decay) and the schedulers' ``base_values`` from the checkpoint, so a
run resumed with a new lr or weight decay in its config silently keeps the
old ones. Population-based training (``tools/pbt_search.py``) resumes a
member from another member's checkpoint with perturbed hyperparameters, and
those must take effect. This hook rewrites the loaded checkpoint before
mmengine applies it: each group's weight decay becomes the freshly built
one, and its ``initial_lr``, current lr and the schedulers' base values are
rescaled by new/old initial lr, so the schedule continues at the same point
with the new peak learning rate.
"""
import torch
from mmengine.hooks import Hook
from mmengine.registry import HOOKS


@HOOKS.register_module()
class ConfigOptimOnResumeHook(Hook):
    """Keys rewritten: ``optimizer.param_groups[*].{lr,initial_lr,weight_decay}``
    and ``param_schedulers[*].base_values`` of lr schedulers.

    Args:
        None: the hook takes no arguments.

    Example::

        custom_hooks = [dict(type='ConfigOptimOnResumeHook')]
    """

    priority = 'VERY_LOW'

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        saved = checkpoint.get('optimizer', {}).get('param_groups')
        optimizer = getattr(runner.optim_wrapper, 'optimizer', None)
        if not saved or not isinstance(optimizer, torch.optim.Optimizer):
            return  # testing, or no optimizer state: nothing to rewrite
        fresh = optimizer.param_groups  # built from the config, not loaded yet
        if len(fresh) != len(saved):
            raise ValueError(f'checkpoint has {len(saved)} optimizer param groups, '
                             f'the config builds {len(fresh)}')
        ratios = []
        for new, old in zip(fresh, saved):
            new_initial = new.get('initial_lr', new['lr'])
            old_initial = old.get('initial_lr', old['lr'])
            ratio = new_initial / old_initial if old_initial else 1.0
            ratios.append(ratio)
            old.update(lr=old['lr'] * ratio, initial_lr=new_initial)
            if 'weight_decay' in new:
                old['weight_decay'] = new['weight_decay']
        schedulers = checkpoint.get('param_schedulers') or []
        for state in schedulers:
            if state.get('param_name') == 'lr' and 'base_values' in state:
                state['base_values'] = [v * r for v, r in zip(state['base_values'], ratios)]
        runner.logger.info('resumed with the config\'s optimizer settings: lr x '
                           f'{ratios[0]:.4g}, weight decay {fresh[0].get("weight_decay")}')
