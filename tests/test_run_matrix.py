"""tools/run_matrix.py: trains and tests each config, skips finished runs, resumes interrupted ones."""
import json

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_tool, tiny_cifar10_config


def test_matrix_runs_skips_and_resumes(tmp_path):
    make_cifar10(tmp_path / 'data')
    configs = tmp_path / 'configs'
    configs.mkdir()
    tiny_cifar10_config(configs / 'fresh.py', tmp_path / 'data', max_epochs=1,
                        experiment=dict(backbone='tiny', method='baseline'))
    interrupted = tiny_cifar10_config(configs / 'interrupted.py', tmp_path / 'data', max_epochs=2)
    work_root = tmp_path / 'work_dirs'
    # an interrupted run: only its first epoch was trained
    first = run_tool('tools/train.py', interrupted, '--work-dir', str(work_root / 'interrupted'),
                     '--cfg-options', 'train_cfg.max_epochs=1')
    assert first.returncode == 0, first.stderr[-2000:]

    result = run_tool('tools/run_matrix.py', str(configs / '*.py'), '--work-root', str(work_root))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert '[1/2] fresh: starting' in result.stdout
    assert '[2/2] interrupted: resuming' in result.stdout
    assert 'resumed epoch: 1' in result.stdout + result.stderr
    assert (work_root / 'interrupted' / 'epoch_2.pth').exists()
    metrics = json.loads((work_root / 'fresh' / 'test_metrics.json').read_text())
    assert 0 <= metrics['accuracy/top1'] <= 100 and metrics['method'] == 'baseline'
    assert metrics['checkpoint'].endswith('.pth')

    again = run_tool('tools/run_matrix.py', str(configs / '*.py'), '--work-root', str(work_root))
    assert again.returncode == 0
    assert again.stdout.count('finished earlier, skipping') == 2
