"""ConfigOptimOnResumeHook: a resumed run uses the config's lr and weight decay."""
from types import SimpleNamespace

import torch
from mmengine.logging import MMLogger

from custom_modules.plugins.hooks import ConfigOptimOnResumeHook


def _runner(optim_wrapper):
    return SimpleNamespace(optim_wrapper=optim_wrapper,
                           logger=MMLogger.get_instance('test_config_optim_hook'))


def test_checkpoint_groups_and_schedulers_take_the_config_values():
    params = [torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(2))]
    optimizer = torch.optim.AdamW([dict(params=params[:1], lr=2e-3, weight_decay=0.1),
                                   dict(params=params[1:], lr=2e-3, weight_decay=0.0)])
    for group in optimizer.param_groups:  # as mmengine's schedulers leave them
        group['initial_lr'] = group['lr']
    saved = optimizer.state_dict()
    saved['param_groups'][0].update(lr=5e-4, initial_lr=1e-3, weight_decay=0.05)
    saved['param_groups'][1].update(lr=5e-4, initial_lr=1e-3, weight_decay=0.0)
    checkpoint = dict(optimizer=saved, param_schedulers=[
        dict(param_name='lr', base_values=[1e-3, 1e-3], last_step=7),
        dict(param_name='momentum', base_values=[0.9, 0.9])])

    ConfigOptimOnResumeHook().after_load_checkpoint(
        _runner(SimpleNamespace(optimizer=optimizer)), checkpoint)

    first, second = saved['param_groups']
    assert first['initial_lr'] == 2e-3 and abs(first['lr'] - 1e-3) < 1e-12  # same point, x2
    assert first['weight_decay'] == 0.1 and second['weight_decay'] == 0.0
    assert checkpoint['param_schedulers'][0]['base_values'] == [2e-3, 2e-3]
    assert checkpoint['param_schedulers'][1]['base_values'] == [0.9, 0.9]  # not lr
    optimizer.load_state_dict(saved)  # still a valid optimizer state
    assert optimizer.param_groups[0]['lr'] == first['lr']


def test_testing_and_weight_only_checkpoints_are_left_alone():
    checkpoint = dict(optimizer=dict(param_groups=[dict(lr=1.0, initial_lr=1.0)]))
    # tools/test.py: the optimizer wrapper is still a config dict
    ConfigOptimOnResumeHook().after_load_checkpoint(
        _runner(dict(optimizer=dict(type='AdamW', lr=5e-4))), checkpoint)
    assert checkpoint['optimizer']['param_groups'][0]['lr'] == 1.0
    ConfigOptimOnResumeHook().after_load_checkpoint(_runner(None), dict(state_dict={}))
