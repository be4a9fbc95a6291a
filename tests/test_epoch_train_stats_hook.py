"""EpochTrainStatsHook: per-epoch means of the iterations' loss and accuracy in scalars.json,
none of the accuracy without it (Mixup/CutMix), the unfinished epoch carried over a resume."""
import json
from types import SimpleNamespace

import pytest
import torch
from mmengine.hooks import Hook
from mmengine.logging import MMLogger
from mmengine.runner import Runner

import custom_modules  # noqa: F401
from custom_modules.plugins.hooks import EpochTrainStatsHook
from tests.helpers.configs import tiny_cifar10_run_config


class _RecordOutputs(Hook):
    """Every iteration's loss and accuracy, by epoch."""

    def __init__(self):
        self.seen = {}

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        self.seen.setdefault(runner.epoch + 1, []).append(
            (outputs['loss'].item(), outputs['accuracy_top-1'].item()))


def test_epoch_means_are_logged_by_epoch(tmp_path):
    cfg = tiny_cifar10_run_config(tmp_path, batch_size=8)  # 20 train: batches of 8, 8, 4
    cfg.model.head.cal_acc = True
    assert 'EpochTrainStatsHook' in [h['type'] for h in cfg.custom_hooks]  # cls_runtime.py
    runner = Runner.from_cfg(cfg)
    recorder = _RecordOutputs()
    runner.register_hook(recorder, priority='LOWEST')
    runner.train()

    (path, ) = (tmp_path / 'work').glob('*/vis_data/scalars.json')
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    epochs = [r for r in records if 'train/epoch_loss' in r]
    assert [r['step'] for r in epochs] == [1, 2]
    for record in epochs:
        losses, accuracies = zip(*recorder.seen[record['step']])
        assert len(losses) == 3
        assert record['train/epoch_loss'] == pytest.approx(sum(losses) / 3, rel=1e-6)
        assert record['train/epoch_accuracy'] == pytest.approx(sum(accuracies) / 3, rel=1e-6)


class _Visualizer:

    def __init__(self):
        self.logged = []

    def add_scalars(self, scalars, step):
        self.logged.append(dict(scalars, step=step))


def _runner(epoch=0):
    return SimpleNamespace(epoch=epoch, visualizer=_Visualizer(),
                           logger=MMLogger.get_instance('epoch_train_stats_test'))


def _train(hook, runner, losses, start=0, accuracy=None):
    for i, loss in enumerate(losses, start=start):
        outputs = {'loss': torch.tensor(loss)}
        if accuracy is not None:
            outputs['accuracy_top-1'] = torch.tensor(accuracy)
        hook.after_train_iter(runner, i, outputs=outputs)


def test_without_accuracy_only_the_loss_is_logged():
    hook, runner = EpochTrainStatsHook(), _runner(epoch=4)
    _train(hook, runner, [3.0, 1.0, 2.0])  # e.g. Mixup: the head logs no accuracy
    hook.after_train_epoch(runner)
    assert runner.visualizer.logged == [{'train/epoch_loss': 2.0, 'step': 5}]


def test_mid_epoch_checkpoint_carries_the_unfinished_epoch():
    hook, runner = EpochTrainStatsHook(), _runner(epoch=1)
    _train(hook, runner, [4.0, 2.0], accuracy=10.0)
    checkpoint = {}
    hook.before_save_checkpoint(runner, checkpoint)

    resumed = EpochTrainStatsHook()  # continues at batch 2 (ResumableEpochBasedTrainLoop)
    resumed.after_load_checkpoint(runner, checkpoint)
    _train(resumed, runner, [6.0], start=2, accuracy=40.0)
    resumed.after_train_epoch(runner)
    assert runner.visualizer.logged == [
        {'train/epoch_loss': 4.0, 'train/epoch_accuracy': 20.0, 'step': 2}]

    rerun = EpochTrainStatsHook()  # mmengine's loop trains the epoch again from batch 0
    rerun.after_load_checkpoint(runner, checkpoint)
    _train(rerun, runner, [1.0, 3.0])
    rerun.after_train_epoch(runner)
    assert runner.visualizer.logged[-1] == {'train/epoch_loss': 2.0, 'step': 2}

    fresh = EpochTrainStatsHook()  # load_from into a new run: epoch 0
    fresh.after_load_checkpoint(runner, checkpoint)
    _train(fresh, _runner(epoch=0), [5.0], start=2)
    assert fresh._state['epoch'] == 0 and fresh._state['sums'] == {'epoch_loss': [5.0, 1]}


def test_epoch_end_checkpoint_holds_nothing():
    hook, runner = EpochTrainStatsHook(), _runner()
    _train(hook, runner, [1.0])
    hook.after_train_epoch(runner)
    checkpoint = {}
    hook.before_save_checkpoint(runner, checkpoint)
    assert checkpoint == {}
