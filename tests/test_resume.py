"""A killed or preempted (SIGTERM) run resumes with --resume and ends exactly where an
uninterrupted run ends."""
import glob
import os
import os.path as osp
import random
import re
import signal
import subprocess
import sys
import time
import uuid

import numpy as np
import pytest
import torch
from mmengine.hooks import Hook
from mmengine.model import BaseModel

import custom_modules  # noqa: F401
from custom_modules.plugins.engine.preemption import (
    PREEMPTED_EXIT_CODE,
    TrainingPreempted,
    enable_preemption,
)
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import REPO, run_script, run_tool, tiny_cifar10_config

MAX_EPOCHS = 4


@pytest.fixture(scope='module')
def config(tmp_path_factory):
    root = tmp_path_factory.mktemp('resume')
    make_cifar10(root / 'data', per_class_train=8)
    # max_keep_ckpts=1: mmengine's own hook would delete epoch_1.pth before
    # writing epoch_2.pth, leaving last_checkpoint dangling if killed then
    return tiny_cifar10_config(root / 'cfg.py', root / 'data', max_epochs=MAX_EPOCHS,
                               randomness=dict(seed=0, deterministic=True),
                               default_hooks=dict(logger=dict(interval=1),
                                                  checkpoint=dict(max_keep_ckpts=1)))


@pytest.fixture(scope='module')
def uninterrupted(config, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp('uninterrupted')
    # in this process, with the one thread the killed subprocesses use (same arithmetic)
    result = run_script('tools/train.py', config, '--work-dir', str(work_dir), threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    return _final_weights(work_dir)


def _final_weights(work_dir):
    from mmengine.runner.checkpoint import _load_checkpoint
    return _load_checkpoint(osp.join(work_dir, f'epoch_{MAX_EPOCHS}.pth'))['state_dict']


def _assert_same_weights(a, b):
    assert a.keys() == b.keys()
    different = [k for k in a if not torch.equal(a[k], b[k])]
    assert not different, f'{len(different)} tensors differ, e.g. {different[:3]}'


def _resume(config, work_dir):
    result = run_script('tools/train.py', config, '--work-dir', str(work_dir), '--resume',
                        threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'resumed epoch: ' in result.stdout + result.stderr
    return _final_weights(work_dir)


def test_sigkill_then_resume_matches_uninterrupted(config, uninterrupted, tmp_path):
    env = dict(os.environ, OMP_NUM_THREADS='1')
    proc = subprocess.Popen([sys.executable, 'tools/train.py', config, '--work-dir', str(tmp_path)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while (not osp.exists(tmp_path / 'last_checkpoint') and proc.poll() is None
           and time.time() < deadline):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, 'the run finished before it could be killed'
    assert not osp.exists(tmp_path / f'epoch_{MAX_EPOCHS}.pth')
    _assert_same_weights(_resume(config, tmp_path), uninterrupted)


@pytest.mark.parametrize('victim', ['epoch_2.pth', 'last_checkpoint'])
def test_kill_while_saving_leaves_a_loadable_last_checkpoint(config, uninterrupted, tmp_path,
                                                             victim):
    from mmengine.runner.checkpoint import _load_checkpoint
    result = run_tool('tests/helpers/kill_during_save.py', victim,
                      '1' if victim.endswith('.pth') else '2',
                      'tools/train.py', config, '--work-dir', str(tmp_path))
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    pointer = (tmp_path / 'last_checkpoint').read_text()
    assert osp.basename(pointer) == 'epoch_1.pth'
    assert _load_checkpoint(pointer)['meta']['epoch'] == 1
    for name in os.listdir(tmp_path):  # every published checkpoint is whole
        if name.endswith('.pth'):
            _load_checkpoint(str(tmp_path / name))
    _assert_same_weights(_resume(config, tmp_path), uninterrupted)


def test_sigterm_mid_epoch_checkpoints_exits_143_and_resumes_exactly(config, uninterrupted,
                                                                   tmp_path):
    """tools/train.py on SIGTERM in the middle of epoch 2 (9 batches an epoch): finishes the
    iteration, writes iter_<N>.pth, exits 143; --resume skips the batches already trained."""
    env = dict(os.environ, OMP_NUM_THREADS='1')
    with open(tmp_path / 'train.out', 'w') as out:
        proc = subprocess.Popen([sys.executable, 'tools/train.py', config, '--work-dir',
                                 str(tmp_path)], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    deadline = time.time() + 300
    while (proc.poll() is None and time.time() < deadline
           and not _logged(tmp_path, r'Epoch\(train\)\s+\[2\]\[\s*2/9\]')):  # 11 iterations
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=120)
    assert code == PREEMPTED_EXIT_CODE == 143, (tmp_path / 'train.out').read_text()[-3000:]
    from mmengine.runner.checkpoint import _load_checkpoint
    pointer = (tmp_path / 'last_checkpoint').read_text()
    done = int(re.fullmatch(r'iter_(\d+)\.pth', osp.basename(pointer)).group(1))
    assert 9 < done < 18, f'stopped after iteration {done}, not in the middle of epoch 2'
    meta = _load_checkpoint(pointer)['meta']
    assert (meta['epoch'], meta['iter']) == (1, done)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path), '--resume',
                        threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f'resumed epoch: 1, iter: {done}' in result.stdout + result.stderr
    assert f'Advance dataloader {done - 9} steps' in result.stdout + result.stderr
    _assert_same_weights(_final_weights(tmp_path), uninterrupted)
    assert osp.isfile(pointer)  # not one of the max_keep_ckpts=1 numbered checkpoints


def _logged(work_dir, pattern):
    """Whether the run's log file in ``work_dir`` has a line matching ``pattern`` yet."""
    for log in glob.glob(str(work_dir / '*' / '*.log')):
        with open(log) as f:
            if re.search(pattern, f.read()):
                return True
    return False


class _Noisy(torch.utils.data.Dataset):
    """Augmentation drawn from torch, numpy and random in the main process (no workers)."""

    def __len__(self):
        return 10

    def __getitem__(self, i):
        noise = torch.rand(4) + float(np.random.rand()) + random.random()
        return dict(inputs=torch.full((4,), i / 10) + noise / 3, target=torch.tensor(i % 3.0))


class _Toy(BaseModel):

    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Dropout(0.5),
                                       torch.nn.Linear(8, 1))

    def forward(self, inputs, target=None, mode='tensor'):
        out = self.net(inputs).squeeze(1)
        return dict(loss=((out - target) ** 2).mean()) if mode == 'loss' else out


class _Probe(Hook):
    """Records the trained (epoch, batch) pairs; SIGTERMs this process, or raises, when
    batch ``at`` (epoch, index) starts."""

    def __init__(self, at=None, action='sigterm'):
        self.at, self.action, self.trained = at, action, []

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if (runner.epoch, batch_idx) == self.at:
            if self.action == 'raise':
                raise RuntimeError('a bug in training')
            os.kill(os.getpid(), signal.SIGTERM)

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        self.trained.append((runner.epoch, batch_idx))


def _toy_train(work_dir, *hooks, resume=False):
    """Train a toy model 3 epochs of 5 batches (dropout, random augmentation) with the
    preemptible loop and hook; returns the final weights."""
    from mmengine.runner import Runner
    torch.manual_seed(0)  # the same initial weights in every run
    runner = Runner(
        model=_Toy(), work_dir=str(work_dir), experiment_name=f'preempt_{uuid.uuid4().hex}',
        train_dataloader=dict(dataset=_Noisy(), batch_size=2, num_workers=0,
                              sampler=dict(type='DefaultSampler', shuffle=True),
                              collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9)),
        train_cfg=dict(type='ResumableEpochBasedTrainLoop', max_epochs=3),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1)),
        custom_hooks=[dict(type='PreemptionHook'), *hooks],
        randomness=dict(seed=0), resume=resume, default_scope='mmengine')
    return {k: v.clone() for k, v in runner.train().state_dict().items()}


def test_preemption_flag_stops_after_the_current_iteration(tmp_path):
    reference = _toy_train(tmp_path / 'reference')
    probe = _Probe(at=(1, 2))  # the signal arrives as batch 3 of epoch 2 starts
    handler = signal.getsignal(signal.SIGTERM)
    with pytest.raises(TrainingPreempted) as stopped:
        _toy_train(tmp_path / 'run', probe)
    assert stopped.value.code == 143
    assert probe.trained[-2:] == [(1, 1), (1, 2)] and len(probe.trained) == 8
    assert signal.getsignal(signal.SIGTERM) is handler
    pointer = (tmp_path / 'run' / 'last_checkpoint').read_text()
    assert osp.basename(pointer) == 'iter_8.pth' and osp.isfile(pointer)
    assert not osp.exists(tmp_path / 'run' / 'epoch_2.pth')  # epoch 2 is unfinished
    resumed = _Probe()
    _assert_same_weights(_toy_train(tmp_path / 'run', resumed, resume=True), reference)
    assert resumed.trained[0] == (1, 3) and len(resumed.trained) == 7
    assert osp.isfile(pointer)  # max_keep_ckpts=1 does not count it
    assert signal.getsignal(signal.SIGTERM) is handler


def test_sigterm_after_a_crashed_run_reaches_the_previous_handler(tmp_path):
    received = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    try:
        with pytest.raises(RuntimeError, match='a bug in training'):
            _toy_train(tmp_path, _Probe(at=(0, 1), action='raise'))
        os.kill(os.getpid(), signal.SIGTERM)  # the run's handler is still installed
        assert received == [signal.SIGTERM]
        os.kill(os.getpid(), signal.SIGTERM)  # and has put the previous one back
        assert received == [signal.SIGTERM] * 2
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize('loop, expected', [
    (dict(by_epoch=True, max_epochs=2), dict(type='ResumableEpochBasedTrainLoop', max_epochs=2)),
    (dict(type='EpochBasedTrainLoop', max_epochs=2),
     dict(type='ResumableEpochBasedTrainLoop', max_epochs=2)),
    (dict(by_epoch=False, max_iters=9), dict(by_epoch=False, max_iters=9)),
    (dict(type='IterBasedTrainLoop', max_iters=9), dict(type='IterBasedTrainLoop', max_iters=9)),
    (dict(type='MyLoop', max_epochs=2), dict(type='MyLoop', max_epochs=2)),
])
def test_enable_preemption_adds_the_hook_once_and_swaps_only_a_plain_epoch_loop(loop, expected):
    from mmengine.config import Config
    cfg = enable_preemption(Config(dict(train_cfg=loop, custom_hooks=[dict(type='X')])))
    assert cfg.train_cfg == expected
    assert [h['type'] for h in cfg.custom_hooks] == ['X', 'PreemptionHook']
    assert [h['type'] for h in enable_preemption(cfg).custom_hooks] == ['X', 'PreemptionHook']


def test_forked_children_get_the_default_sigterm_action():
    """A stuck dataloader worker or evaluation-pool process must die of the SIGTERM that
    torch and multiprocessing stop it with; a Python handler would never run in it."""
    import multiprocessing

    from custom_modules.plugins.engine.preemption import PreemptionHook
    previous = signal.signal(signal.SIGTERM, PreemptionHook()._on_sigterm)
    try:
        child = multiprocessing.get_context('fork').Process(
            target=lambda: os._exit(0 if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
                                    else 3))
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 0
    finally:
        signal.signal(signal.SIGTERM, previous)
