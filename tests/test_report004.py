"""Report 004 layout: the 8-row ablation in R004's order, the final results of both tasks
beside R004's reference figures, and the Adam-vs-SGD curves."""
import csv

from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R004_ABLATION, R004_FINAL
from tests.helpers.fake_runs import fake_run, read_rows, signed

REF, DELTA = '(reference figure)', 'Δ'
FULL = 'resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100-coarse'  # shift, flip, up
FLIP_32PX = 'resnet18-32px_1xb128-adam-exp0.85-flip-40e_cifar100-coarse'
TASK2 = 'resnet18-up224_1xb128-adam-exp0.85-shift-flip-40e_cifar100'
OPTIMIZERS = ('resnet18-32px_1xb128-adam-const-none-40e_cifar100-coarse',
              'resnet18-32px_1xb128-sgd-const-none-40e_cifar100-coarse')


def _epochs(final):
    return {e: {'accuracy/top1': final - 10 + 5 * e, 'val/loss': 2.0 / e,
                'train/epoch_loss': 2.5 / e, 'train/epoch_accuracy': 40.0 + e} for e in (1, 2)}


def test_ablation_final_and_optimizer_curves(tmp_path):
    fake_run(tmp_path / FULL, _epochs(71.5))
    fake_run(tmp_path / FLIP_32PX, _epochs(52.25))
    fake_run(tmp_path / TASK2, _epochs(60.0))
    for name in OPTIMIZERS:
        fake_run(tmp_path / name, _epochs(30.0))
    out = tmp_path / 'report'
    build_report('004', str(tmp_path), str(out))

    with open(out / 'ablation.csv') as f:
        rows = list(csv.DictReader(f))
    flags = [tuple(r[k] == '✓' for k in ('shift', 'flip', 'upsample')) for r in rows]
    assert flags == list(R004_ABLATION)  # the report's row order
    full = rows[-1]
    column = 'val accuracy (%)'
    assert (full[column], full['epochs']) == ('71.50', '2')
    assert full[f'{column} {DELTA}'] == signed(71.5 - R004_ABLATION[(True, True, True)].value)
    assert rows[2][column] == '52.25' and rows[0][column] == '' and rows[0][f'{column} {REF}']

    final = read_rows(out / 'final.csv', 'task')
    task2 = final['task 2 (100 classes)']
    assert task2['run'] == TASK2 and task2[column] == '60.00'
    assert task2[f'{column} {REF}'] == f"{R004_FINAL['task 2 (100 classes)'].value:.2f}"
    assert task2[f'{column} {DELTA}'] == signed(60.0 - R004_FINAL['task 2 (100 classes)'].value)
    curves = {p.name for p in (out / 'curves').iterdir()}
    assert {'adam_vs_sgd.png', f'{TASK2}.png', f'{FULL}.png'} <= curves


def test_the_layout_from_two_tiny_runs_of_the_real_configs(tmp_path):
    """Train two 004 configs for two tiny epochs on generated CIFAR-100 data (run_matrix),
    then the report: the ablation row holds the run's last validation accuracy, as
    logged, and the Adam-vs-SGD curves are drawn from the runs' scalars."""
    import glob
    import json
    import os.path as osp

    from mmengine.config import Config

    from tests.helpers.cifar_data import make_cifar100
    from tests.helpers.configs import REPO, run_cli, run_script
    from tests.helpers.smoke import shrink_config

    make_cifar100(tmp_path / 'data', per_class_train=2)
    configs = tmp_path / 'configs'
    configs.mkdir()
    row = 'resnet18-32px_1xb128-adam-exp0.85-none-40e_cifar100-coarse'  # no shift, flip, up
    for name in (row, OPTIMIZERS[1]):
        cfg = Config.fromfile(f'{REPO}/configs/cifar100/resnet18_224/{name}.py')
        cfg = shrink_config(cfg, tmp_path / 'data', tmp_path / 'unused')
        cfg.default_hooks.checkpoint.update(interval=2, save_last=True)  # tested after training
        cfg.dump(str(configs / f'{name}.py'))
    work_root = tmp_path / 'work_dirs'
    trained = run_script('tools/run_matrix.py', str(configs / '*.py'), '--work-root',
                         work_root, threads=1)
    assert trained.returncode == 0, trained.stderr[-3000:]
    assert run_cli('tools/report.py', '--report', '004', '--work-root', work_root,
                   '--out', tmp_path / 'report') == 0

    [scalars] = glob.glob(str(work_root / row / '*' / 'vis_data' / 'scalars.json'))
    with open(scalars) as f:
        records = [json.loads(line) for line in f if line.strip()]
    last_val = [r for r in records if 'accuracy/top1' in r][-1]
    assert 'val/loss' in last_val and any('train/epoch_loss' in r for r in records)
    with open(tmp_path / 'report' / 'ablation.csv') as f:
        first = list(csv.DictReader(f))[0]  # (no shift, no flip, no upsampling)
    assert first['val accuracy (%)'] == f"{last_val['accuracy/top1']:.2f}"
    assert first['epochs'] == '2' and first['val accuracy (%) (reference figure)']
    assert osp.getsize(tmp_path / 'report' / 'curves' / 'adam_vs_sgd.png') > 0
