"""tools/dist_train.sh on CPU: two gloo processes, each on its own half of the data."""
import csv
import glob
import json
import os.path as osp
import socket

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_command, run_script, tiny_cifar10_config


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return str(s.getsockname()[1])


def test_dist_train_two_cpu_processes_split_the_data(tmp_path):
    make_cifar10(tmp_path / 'data', per_class_train=8)  # 80 - 10 held out for val = 70
    config = tiny_cifar10_config(
        tmp_path / 'cfg.py', tmp_path / 'data', max_epochs=1,
        custom_imports=dict(imports=['custom_modules', 'tests.helpers.record_samples_hook'],
                            allow_failed_imports=False),
        custom_hooks=[dict(type='EpochSeedHook'), dict(type='NumClassesCheckHook'),
                      dict(type='RecordSamplesHook')])
    work_dir = tmp_path / 'work'
    result = run_command(['bash', 'tools/dist_train.sh', config, '2', '--work-dir', str(work_dir)],
                         env={'PORT': _free_port()})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]

    seen = [json.load(open(work_dir / f'samples_rank{r}.json'))['0'] for r in (0, 1)]
    assert len(seen[0]) == len(seen[1]) == 35
    assert not set(seen[0]) & set(seen[1])
    assert set(seen[0]) | set(seen[1]) == set(range(70))
    logs = [open(p).read() for p in glob.glob(f'{work_dir}/*/*.log')]  # rank 0's log file
    assert len(logs) == 1 and "dist_cfg: {'backend': 'gloo'}" in logs[0]

    test = run_script('tools/test.py', config, str(work_dir / 'epoch_1.pth'),
                      '--work-dir', str(tmp_path / 'test'), '--out', str(tmp_path / 'preds.pkl'),
                      '--pred-csv', str(tmp_path / 'preds.csv'))
    assert test.returncode == 0, test.stderr[-3000:]
    assert 'accuracy/top1' in test.stdout + test.stderr
    assert osp.getsize(tmp_path / 'preds.pkl') > 0
    rows = list(csv.DictReader(open(tmp_path / 'preds.csv')))
    assert [int(r['index']) for r in rows] == list(range(20))  # the 20 test images, in order
    assert all(r['true_class'].startswith('class') and r['pred_class'].startswith('class')
               for r in rows)
    assert all(r['correct'] == str(int(r['true_class'] == r['pred_class'])) for r in rows)
    assert all(len(r['top5'].split()) == 5 for r in rows)

    dist_test = run_command(['bash', 'tools/dist_test.sh', config, str(work_dir / 'epoch_1.pth'),
                             '2', '--work-dir', str(tmp_path / 'dist_test'),
                             '--metrics-out', str(tmp_path / 'metrics.json')],
                            env={'PORT': _free_port()})
    assert dist_test.returncode == 0, dist_test.stderr[-3000:]
    assert 'accuracy/top1' in dist_test.stdout + dist_test.stderr
    # rank 0 wrote what runner.test() returned, the metrics the test logged
    metrics = json.load(open(tmp_path / 'metrics.json'))
    assert set(metrics) == {'accuracy/top1', 'accuracy/top5'}
    assert f'accuracy/top1: {metrics["accuracy/top1"]:.4f}' in dist_test.stdout + dist_test.stderr
    assert not list(tmp_path.glob('.tmp_*'))
