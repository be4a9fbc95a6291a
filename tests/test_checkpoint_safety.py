"""Checkpoints load with torch's safe unpickler: code-running pickles are refused."""
import pytest
import torch
from mmengine.logging import HistoryBuffer, MessageHub

import custom_modules  # noqa: F401  (installs the safe loader)
from custom_modules.errors import ConfigError, DataError, UnsafeCheckpointError
from tests.helpers.checkpoint_server import malicious_checkpoint
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


def test_code_running_checkpoint_is_refused_and_code_does_not_run(tmp_path):
    from mmengine.runner import load_checkpoint
    path, marker = malicious_checkpoint(tmp_path)
    with pytest.raises(UnsafeCheckpointError, match='refusing to load checkpoint .*evil.pth'):
        load_checkpoint(torch.nn.Linear(1, 1), path)
    assert not marker.exists()


def test_cli_refuses_code_running_checkpoint_with_one_line(tmp_path):
    path, marker = malicious_checkpoint(tmp_path)
    make_cifar10(tmp_path / 'data')
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    result = run_script('tools/test.py', config, path, '--work-dir', str(tmp_path / 'w'))
    assert result.returncode == 2
    assert 'Traceback' not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith('error: refusing to load checkpoint ') and 'evil.pth' in last
    assert 'needs the global posix.system' in last
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


# ---- the opt-in for a trusted file's globals ----

def test_extra_globals_allow_exactly_the_named_ones(tmp_path, monkeypatch):
    import argparse
    import collections

    from mmengine.runner.checkpoint import _load_checkpoint
    path = tmp_path / 'namespace.pth'
    torch.save({'meta': {'args': argparse.Namespace(lr=0.5)}, 'state_dict': {}}, path)
    with pytest.raises(UnsafeCheckpointError, match=(
            'needs the global argparse.Namespace, .*allow exactly it with '
            'SAFE_LOAD_EXTRA_GLOBALS=argparse.Namespace$')):
        _load_checkpoint(str(path))
    monkeypatch.setenv('SAFE_LOAD_EXTRA_GLOBALS', ' collections.Counter, argparse.Namespace')
    assert _load_checkpoint(str(path))['meta']['args'].lr == 0.5
    torch.save({'c': collections.defaultdict(int)}, tmp_path / 'other.pth')
    with pytest.raises(UnsafeCheckpointError, match='collections.defaultdict'):
        _load_checkpoint(str(tmp_path / 'other.pth'))  # only the named globals
    evil, marker = malicious_checkpoint(tmp_path)
    monkeypatch.setenv('SAFE_LOAD_EXTRA_GLOBALS', 'posix.system')
    with pytest.raises(UnsafeCheckpointError, match='posix.system'):
        _load_checkpoint(evil)
    assert not marker.exists()
    monkeypatch.setenv('SAFE_LOAD_EXTRA_GLOBALS', 'argparse.NoSuchName')
    with pytest.raises(ConfigError, match="SAFE_LOAD_EXTRA_GLOBALS names 'argparse.NoSuchName'"):
        _load_checkpoint(str(path))
    monkeypatch.delenv('SAFE_LOAD_EXTRA_GLOBALS')
    with pytest.raises(UnsafeCheckpointError):  # allowed for those loads only
        _load_checkpoint(str(path))


def test_legacy_tar_format_is_a_one_line_error(tmp_path):
    """torch < 0.4 wrote a tar archive, which torch's safe unpickler cannot read."""
    import tarfile

    from mmengine.runner.checkpoint import _load_checkpoint
    (tmp_path / 'storages').write_bytes(b'')
    with tarfile.open(tmp_path / 'old.pth', 'w', format=tarfile.PAX_FORMAT) as tar:
        tar.add(tmp_path / 'storages', 'storages')
    with pytest.raises(DataError, match="old.pth: it is in torch's legacy .tar format"):
        _load_checkpoint(str(tmp_path / 'old.pth'))
