"""Checkpoints load with torch's safe unpickler: code-running pickles are refused."""
import os

import pytest
import torch
from mmengine.logging import HistoryBuffer, MessageHub

import custom_modules  # noqa: F401  (installs the safe loader)
from custom_modules.errors import DataError, UnsafeCheckpointError
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


class _RunsCode:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f'touch {self.marker}',))


def _malicious_checkpoint(tmp_path):
    marker = tmp_path / 'code_ran'
    path = tmp_path / 'evil.pth'
    torch.save({'state_dict': {'w': torch.zeros(1)}, 'meta': {'x': _RunsCode(marker)}}, path)
    return str(path), marker


def test_code_running_checkpoint_is_refused_and_code_does_not_run(tmp_path):
    from mmengine.runner import load_checkpoint
    path, marker = _malicious_checkpoint(tmp_path)
    with pytest.raises(UnsafeCheckpointError, match='refusing to load checkpoint .*evil.pth'):
        load_checkpoint(torch.nn.Linear(1, 1), path)
    assert not marker.exists()


def test_cli_refuses_code_running_checkpoint_with_one_line(tmp_path):
    path, marker = _malicious_checkpoint(tmp_path)
    make_cifar10(tmp_path / 'data')
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    result = run_script('tools/test.py', config, path, '--work-dir', str(tmp_path / 'w'))
    assert result.returncode == 2
    assert 'Traceback' not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith('error: ') and 'evil.pth' in last and 'refusing' in last
    assert not marker.exists()


def test_mmengine_checkpoint_contents_load_safely(tmp_path):
    """What mmengine's Runner stores besides tensors: message hub buffers, numpy scalars."""
    import numpy as np
    from mmengine.runner.checkpoint import _load_checkpoint, save_checkpoint
    hub = MessageHub.get_instance('safety_test')
    hub.update_scalar('train/loss', np.float64(0.5))
    hub.update_info('best_score', np.float32(97.5))
    checkpoint = {'meta': {'epoch': 1, 'seed': 0}, 'state_dict': {'w': torch.ones(2)},
                  'message_hub': hub.state_dict()}
    path = str(tmp_path / 'epoch_1.pth')
    save_checkpoint(checkpoint, path)
    loaded = _load_checkpoint(path)
    buffer = loaded['message_hub']['log_scalars']['train/loss']
    assert isinstance(buffer, HistoryBuffer) and buffer.current() == 0.5
    assert loaded['message_hub']['runtime_info']['best_score'] == np.float32(97.5)


def test_truncated_checkpoint_gives_clear_error(tmp_path):
    from mmengine.runner.checkpoint import _load_checkpoint
    path = tmp_path / 'broken.pth'
    torch.save({'w': torch.zeros(1000)}, path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(DataError, match='broken.pth'):
        _load_checkpoint(str(path))


def test_getattr_stand_in_allows_only_history_buffer_methods(tmp_path):
    path = tmp_path / 'getattr.pth'
    torch.save({'m': HistoryBuffer.mean}, path)
    from mmengine.runner.checkpoint import _load_checkpoint
    assert _load_checkpoint(str(path))['m'] == HistoryBuffer.mean

    class Sneaky:
        def __reduce__(self):
            return (getattr, (HistoryBuffer, '__init__'))  # a step towards __globals__

    torch.save({'x': Sneaky()}, path)
    with pytest.raises(UnsafeCheckpointError, match='getattr.pth'):
        _load_checkpoint(str(path))
