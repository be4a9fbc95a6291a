"""Bad input gives one clear `error:` line naming the thing, not a deep traceback."""
import pytest

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


def _assert_one_line_error(result, *needles):
    assert result.returncode == 2, result.stderr[-3000:]
    assert 'Traceback' not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith('error: '), last
    for needle in needles:
        assert needle in last, last


@pytest.fixture
def data_root(tmp_path):
    make_cifar10(tmp_path / 'data')
    return tmp_path / 'data'


def test_missing_config(tmp_path):
    result = run_script('tools/train.py', 'configs/no_such_config.py')
    _assert_one_line_error(result, 'config file configs/no_such_config.py does not exist')


def test_missing_data_folder(tmp_path):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'nowhere')
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'data folder {tmp_path / "nowhere"} does not exist')


def test_wrong_num_classes(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'),
                      '--cfg-options', 'model.head.num_classes=7')
    _assert_one_line_error(result, 'model.head.num_classes=7', 'has 10 classes')


def test_corrupt_data_file(tmp_path, data_root):
    batch = data_root / 'cifar-10-batches-py' / 'data_batch_3'
    batch.write_bytes(batch.read_bytes()[:100])
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'corrupt CIFAR file {batch}')


def test_missing_checkpoint_for_test(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/test.py', config, str(tmp_path / 'missing.pth'))
    _assert_one_line_error(result, 'missing.pth does not exist')
