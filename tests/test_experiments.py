"""train_then_test: in this process on one device (the metrics are what runner.test() returned),
through dist_train.sh / dist_test.sh --metrics-out on several."""
import json
import subprocess

import pytest

from custom_modules.apps import results
from custom_modules.apps.run import experiments, train_test
from custom_modules.apps.run.train_test import RunSpec
from custom_modules.errors import UserInputError
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import tiny_cifar10_config


def _no_tool_processes(monkeypatch):
    """Fail on any Python or repo-tool subprocess (mmengine itself runs ``gcc --version``)."""
    popen = subprocess.Popen

    def guarded(command, *args, **kwargs):
        text = command if isinstance(command, str) else ' '.join(map(str, command))
        if 'python' in text or 'tools' in text or 'torch' in text:
            raise AssertionError(f'a subprocess was started: {text}')
        return popen(command, *args, **kwargs)
    monkeypatch.setattr(subprocess, 'Popen', guarded)


def test_one_device_trains_and_tests_in_this_process(tmp_path, monkeypatch):
    make_cifar10(tmp_path / 'data')
    config = tiny_cifar10_config(tmp_path / 'tiny.py', tmp_path / 'data', max_epochs=1)
    _no_tool_processes(monkeypatch)
    work_dir = tmp_path / 'work'
    metrics = experiments.train_then_test(config, str(work_dir), ['train_cfg.max_epochs=2'],
                                          meta=dict(method='baseline'))
    assert json.loads((work_dir / 'test_metrics.json').read_text()) == metrics
    assert 0 <= metrics['accuracy/top1'] <= 100 and metrics['method'] == 'baseline'
    assert metrics['checkpoint'] == results.best_checkpoint(str(work_dir))
    assert (work_dir / 'epoch_2.pth').is_file()  # the cfg option reached the training
    assert not list(tmp_path.rglob('.tmp_*'))  # written atomically, nothing left behind

    # tools/test.py --metrics-out writes exactly what runner.test() returned
    out = tmp_path / 'metrics.json'
    cfg = train_test.build_test_cfg(RunSpec(config, str(tmp_path / 'test')), metrics['checkpoint'])
    returned = train_test.run_test(cfg, metrics_out=str(out))
    assert json.loads(out.read_text()) == returned
    assert returned == {k: v for k, v in metrics.items() if k.startswith('accuracy/')}


def test_several_gpus_use_the_dist_scripts_and_read_metrics_out(tmp_path, monkeypatch):
    commands = []

    def fake_run(command, check):
        commands.append(command)
        script = command[1].rsplit('/', 1)[-1]
        if script == 'dist_train.sh':
            (tmp_path / 'work' / 'epoch_1.pth').write_bytes(b'')
            (tmp_path / 'work' / 'last_checkpoint').write_text(str(tmp_path / 'work/epoch_1.pth'))
        else:
            path = command[command.index('--metrics-out') + 1]
            results.write_json(path, {'accuracy/top1': 12.5})
    (tmp_path / 'work').mkdir()
    monkeypatch.setattr(subprocess, 'run', fake_run)
    metrics = experiments.train_then_test('cfg.py', str(tmp_path / 'work'), ['a=1'], gpus=2,
                                          resume=True)
    assert [c[1].rsplit('/', 1)[-1] for c in commands] == ['dist_train.sh', 'dist_test.sh']
    assert commands[0][2:] == ['cfg.py', '2', '--work-dir', str(tmp_path / 'work'), '--resume',
                               '--cfg-options', 'a=1']
    assert commands[1][2:5] == ['cfg.py', str(tmp_path / 'work' / 'epoch_1.pth'), '2']
    assert metrics['accuracy/top1'] == 12.5
    assert json.loads((tmp_path / 'work' / 'test_metrics.json').read_text()) == metrics



def test_test_config_takes_a_checkpoint_url_and_refuses_a_missing_file(tmp_path):
    """A URL (any mmengine scheme) is loaded, safely, when the run starts; a missing local
    file is refused before anything is built."""
    config = tiny_cifar10_config(tmp_path / 'tiny.py', tmp_path / 'data', max_epochs=1)
    spec = RunSpec(config, str(tmp_path / 'test'))
    url = 'https://download.example.org/resnet18_cifar10.pth'
    assert train_test.build_test_cfg(spec, url).load_from == url
    with pytest.raises(UserInputError, match='missing.pth does not exist'):
        train_test.build_test_cfg(spec, str(tmp_path / 'missing.pth'))
