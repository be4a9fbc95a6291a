"""tools/train.py and tools/test.py print progress and results: no pkg_resources warnings,
no environment, config or hook tables on the console, while mmengine's log file keeps
them."""
import glob
import importlib
import warnings

import mmengine.config.config as mmengine_config
import mmengine.utils.package_utils as package_utils

import custom_modules
from custom_modules.plugins.engine.quiet_console import PKG_RESOURCES_WARNING, quiet_console
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config

HOOK_TABLE = 'Hooks will be executed in the following order'
LOG_FILE_ONLY = (HOOK_TABLE, 'System environment:', 'Config:\n')


def _pkg_resources(caught):
    return [w for w in caught if PKG_RESOURCES_WARNING in str(w.message)]


def test_importing_the_package_installs_the_warning_filter():
    with warnings.catch_warnings():
        warnings.resetwarnings()
        importlib.reload(custom_modules)  # its __init__ again
        assert any(action == 'ignore' and message and message.match(PKG_RESOURCES_WARNING)
                   for action, message, *_ in warnings.filters)


def test_pkg_resources_warning_is_ignored_and_others_still_show():
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()
        warnings.simplefilter('default')
        package_utils.is_installed('mmengine')  # (re)loads pkg_resources, which warns
        unfiltered = _pkg_resources(caught)
        del caught[:]
        quiet_console()
        package_utils.is_installed('mmengine')
        warnings.warn('an unrelated warning', UserWarning)
    assert unfiltered, 'mmengine no longer loads pkg_resources: the filter may go'
    assert [str(w.message) for w in caught] == ['an unrelated warning']


def test_train_and_test_consoles_without_warnings_or_hook_tables(tmp_path, monkeypatch):
    make_cifar10(tmp_path / 'data', per_class_train=10)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    work = tmp_path / 'work'
    # every pkg:: base loads pkg_resources again, as outside tests (conftest caches that)
    monkeypatch.setattr(mmengine_config, 'is_installed', package_utils.is_installed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()  # pytest.ini's filters off: record what a user would see
        warnings.simplefilter('default')
        quiet_console()  # what importing custom_modules installs
        train = run_script('tools/train.py', config, '--work-dir', work)
        logs = [open(p).read() for p in glob.glob(f'{work}/*/*.log')]
        test = run_script('tools/test.py', config, work / 'epoch_1.pth', '--work-dir', work)
    assert train.returncode == 0 and test.returncode == 0, train.stderr[-2000:] + test.stderr
    assert 'Epoch(train) [1]' in train.stdout and 'accuracy/top1' in test.stdout
    for run in (train, test):
        assert not [text for text in LOG_FILE_ONLY if text in run.stdout + run.stderr]
        assert 'pkg_resources' not in run.stdout + run.stderr
    assert not _pkg_resources(caught)
    assert len(logs) == 1 and all(text in logs[0] for text in LOG_FILE_ONLY)
    assert 'EpochSeedHook' in logs[0] and "type='CIFARPickleDataset'" in logs[0]
