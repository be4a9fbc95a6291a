"""tools/run_matrix.py: trains and tests each config, skips finished runs, resumes interrupted
ones, goes on after a failed run; bad input is one error line with exit code 2. With --ray
the runs are Ray tasks that end with the sequential runs' weights."""
import json

import torch

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_cli, run_script, run_tool, tiny_cifar10_config


def test_matrix_runs_skips_and_resumes(tmp_path, capsys):
    make_cifar10(tmp_path / 'data')
    configs = tmp_path / 'configs'
    configs.mkdir()
    tiny_cifar10_config(configs / 'fresh.py', tmp_path / 'data', max_epochs=1,
                        experiment=dict(backbone='tiny', method='baseline'))
    interrupted = tiny_cifar10_config(configs / 'interrupted.py', tmp_path / 'data', max_epochs=2)
    work_root = tmp_path / 'work_dirs'
    # an interrupted run: only its first epoch was trained
    first = run_cli('tools/train.py', interrupted, '--work-dir', str(work_root / 'interrupted'),
                    '--cfg-options', 'train_cfg.max_epochs=1')
    assert first == 0, capsys.readouterr().err[-2000:]
    capsys.readouterr()

    code = run_cli('tools/run_matrix.py', str(configs / '*.py'), '--work-root', str(work_root))
    result = capsys.readouterr()
    assert code == 0, result.out[-2000:] + result.err[-2000:]
    assert '[1/2] fresh: starting' in result.out
    assert '[2/2] interrupted: resuming' in result.out
    assert 'resumed epoch: 1' in result.out + result.err
    assert (work_root / 'interrupted' / 'epoch_2.pth').exists()
    metrics = json.loads((work_root / 'fresh' / 'test_metrics.json').read_text())
    assert 0 <= metrics['accuracy/top1'] <= 100 and metrics['method'] == 'baseline'
    assert metrics['checkpoint'].endswith('.pth')

    again = run_cli('tools/run_matrix.py', str(configs / '*.py'), '--work-root', str(work_root))
    assert again == 0
    assert capsys.readouterr().out.count('finished earlier, skipping') == 2


def test_no_matching_config_is_a_user_error(tmp_path, capsys):
    code = run_cli('tools/run_matrix.py', str(tmp_path / 'nothing' / '*.py'))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith('error: no config matches') and err.count('\n') == 1, err


def test_missing_config_is_a_user_error(tmp_path, capsys):
    code = run_cli('tools/run_matrix.py', str(tmp_path / 'missing.py'))
    err = capsys.readouterr().err
    assert code == 2 and err == f'error: config file {tmp_path / "missing.py"} does not exist\n'


def test_failed_run_is_reported_and_the_others_run(tmp_path, capsys):
    make_cifar10(tmp_path / 'data')
    broken = tiny_cifar10_config(tmp_path / 'broken.py', tmp_path / 'data',
                                 custom_hooks=[dict(type='NoSuchHook')])
    good = tiny_cifar10_config(tmp_path / 'good.py', tmp_path / 'data')
    code = run_cli('tools/run_matrix.py', broken, good, '--work-root', str(tmp_path / 'work_dirs'))
    result = capsys.readouterr()
    assert code == 1 and 'error: 1 run(s) failed: broken' in result.err, result.err[-2000:]
    assert '[1/2] broken: FAILED' in result.out and 'NoSuchHook' in result.err
    assert (tmp_path / 'work_dirs' / 'good' / 'test_metrics.json').is_file()


def _final_weights(work_dir):
    checkpoint = (work_dir / 'last_checkpoint').read_text().strip()
    return torch.load(checkpoint, map_location='cpu', weights_only=False)['state_dict']


def test_ray_runs_end_with_the_sequential_weights(tmp_path):
    make_cifar10(tmp_path / 'data')
    configs = tmp_path / 'configs'
    configs.mkdir()
    tiny_cifar10_config(configs / 'one.py', tmp_path / 'data', max_epochs=1)
    tiny_cifar10_config(configs / 'two.py', tmp_path / 'data', max_epochs=2)
    pattern = str(configs / '*.py')
    sequential = run_script('tools/run_matrix.py', pattern, '--work-root', tmp_path / 'seq',
                            threads=1)
    assert sequential.returncode == 0, sequential.stderr[-2000:]
    # a process of its own: Ray's gRPC threads outlive ray.shutdown() (see test_pbt_search);
    # one CPU slot: both runs go to one worker process, which imports torch and mmengine once
    on_ray = run_tool('tools/run_matrix.py', pattern, '--work-root', str(tmp_path / 'ray'),
                      '--ray', '--num-cpus', '1')
    assert on_ray.returncode == 0, on_ray.stdout[-3000:] + on_ray.stderr[-3000:]
    for name in ('one', 'two'):
        assert on_ray.stdout.count(f'] {name}: done in') == 1, on_ray.stdout[-3000:]
        seq, ray = _final_weights(tmp_path / 'seq' / name), _final_weights(tmp_path / 'ray' / name)
        assert seq.keys() == ray.keys()
        assert all(torch.equal(seq[k], ray[k]) for k in seq), name
        metrics = json.loads((tmp_path / 'ray' / name / 'test_metrics.json').read_text())
        assert metrics == dict(json.loads((tmp_path / 'seq' / name / 'test_metrics.json')
                                          .read_text()), config=metrics['config'],
                               checkpoint=metrics['checkpoint'])

    again = run_script('tools/run_matrix.py', pattern, '--work-root', tmp_path / 'ray', '--ray')
    assert again.returncode == 0 and again.stdout.count('finished earlier, skipping') == 2
    assert 'Ray:' not in again.stdout  # nothing left to run: no Ray instance started


def test_ray_options_need_ray(tmp_path, capsys):
    code = run_cli('tools/run_matrix.py', tmp_path / 'any.py', '--gpus-per-run', '0.5')
    assert code == 2 and '--gpus-per-run need --ray' in capsys.readouterr().err
