"""WarmCosFlatLR: the 000-B and 001-B schedule bases dry-run epoch by epoch against the spec."""
import math

import pytest
import torch

import custom_modules  # noqa: F401
from custom_modules.plugins.engine import WarmCosFlatLR
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch, lr_per_iteration

SCHEDULES = f'{REPO}/configs/_base_/schedules'


def test_000b_adam_15_epochs():
    # 000-B (configs/voc/README.md): warm-up 1e-5, peak 1e-4, cosine over 13 epochs, epoch 15 = 1e-6
    expected = [1.0e-5, 1.0e-4, 9.86e-5, 9.43e-5, 8.76e-5, 7.86e-5, 6.81e-5, 5.65e-5, 4.45e-5,
                3.29e-5, 2.24e-5, 1.34e-5, 6.67e-6, 2.44e-6, 1.00e-6]
    lrs = lr_per_epoch(f'{SCHEDULES}/det_adam-warmcos_15e.py', iters_per_epoch=2)
    assert lrs == pytest.approx(expected, rel=5e-3)
    assert lrs[1] == pytest.approx(1e-4, rel=1e-12) and lrs[-1] == pytest.approx(1e-6, rel=1e-12)


def test_001b_sgd_100_epochs():
    top, low = 1.25e-3, 1.25e-5
    expected = [1.25e-4, 2.5e-4, 6.25e-4, 1.25e-3]
    expected += [low + (top - low) * (1 + math.cos(math.pi * (epoch - 4) / 92)) / 2
                 for epoch in range(5, 96)]
    expected += [low] * 5
    lrs = lr_per_epoch(f'{SCHEDULES}/det_sgd-nesterov-warmcos_100e.py')
    assert len(lrs) == 100
    assert lrs == pytest.approx(expected, rel=1e-9)


def test_lr_is_constant_within_an_epoch():
    lrs = lr_per_iteration(f'{SCHEDULES}/det_adam-warmcos_15e.py', iters_per_epoch=3, epochs=4)
    assert all(len(set(epoch)) == 1 for epoch in lrs)


def _optimizer(lr=2.0):
    return torch.optim.SGD(torch.nn.Linear(1, 1).parameters(), lr=lr)


def _schedule(**kwargs):
    return dict(dict(warmup_epochs=2, flat_epochs=2, eta_min=0.5, begin=0, end=8), **kwargs)


def test_values_by_hand_and_resume():
    # base 2, s = 0.1: 0.2, 2 * (0.1 + 0.9 / 4) = 0.65; cosine over 4 epochs from 2 to 0.5:
    # 2, 0.5 + 1.5 * (1 + cos(pi / 4)) / 2 = 1.7803, 1.25, 0.7197; then 0.5, 0.5
    optimizer = _optimizer()
    scheduler = WarmCosFlatLR(optimizer, **_schedule())
    lrs = []
    for _ in range(8):
        lrs.append(optimizer.param_groups[0]['lr'])
        optimizer.step()
        scheduler.step()
    assert lrs == pytest.approx([0.2, 0.65, 2.0, 1.78033, 1.25, 0.71967, 0.5, 0.5], rel=1e-5)

    state = WarmCosFlatLR(_optimizer(), **_schedule())
    for _ in range(3):
        state.step()
    resumed_optimizer = _optimizer()
    resumed = WarmCosFlatLR(resumed_optimizer, **_schedule())
    resumed.load_state_dict(state.state_dict())
    resumed.step()  # epoch index 4
    assert resumed_optimizer.param_groups[0]['lr'] == pytest.approx(1.25)


@pytest.mark.parametrize('kwargs', [dict(end=4), dict(warmup_epochs=-1),
                                    dict(end=float('inf'))])
def test_impossible_schedules_are_refused(kwargs):
    with pytest.raises(ValueError, match='WarmCosFlatLR'):
        WarmCosFlatLR(_optimizer(), **_schedule(**kwargs))
