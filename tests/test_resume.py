"""A killed run resumes with --resume and ends exactly where an uninterrupted run ends."""
import os
import os.path as osp
import signal
import subprocess
import sys
import time

import pytest
import torch

import custom_modules  # noqa: F401
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
