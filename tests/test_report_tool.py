"""tools/report.py on a fabricated work_dirs/: the backbone x method grid (default, --report
matrix), CSVs and PNGs; the per-report layouts' CLI (layouts: tests/test_report0*.py)."""
import csv
import json

from tests.helpers.configs import run_cli
from tests.helpers.fake_runs import fake_run


def _fake_run(root, name, backbone, method, top1, top5):
    work_dir = root / name
    (work_dir / '20260101_000000' / 'vis_data').mkdir(parents=True)
    records = [{'loss': 4.0, 'step': 10, 'epoch': 1}, {'loss': 2.0, 'step': 20, 'epoch': 2},
               {'accuracy/top1': top1 - 5, 'step': 2}, {'accuracy/top1': top1, 'step': 4}]
    (work_dir / '20260101_000000' / 'vis_data' / 'scalars.json').write_text(
        '\n'.join(json.dumps(r) for r in records))
    (work_dir / 'test_metrics.json').write_text(json.dumps(
        {'accuracy/top1': top1, 'accuracy/top5': top5, 'backbone': backbone, 'method': method}))


def test_report_grid_and_curves(tmp_path, capsys):
    _fake_run(tmp_path, 'resnet18_1xb128_cifar100', 'ResNet-18', 'baseline', 71.25, 93.0)
    _fake_run(tmp_path, 'resnet18_1xb128-cutmix-a0.4_cifar100', 'ResNet-18', 'CutMix α=0.4',
              73.5, 94.5)
    _fake_run(tmp_path, 'vgg16-bn_1xb128_cifar100', 'VGG16-BN', 'baseline', 66.75, 90.25)
    (tmp_path / 'unfinished_run').mkdir()  # no test_metrics.json: ignored
    code = run_cli('tools/report.py', '--work-root', str(tmp_path))
    assert code == 0, capsys.readouterr().err[-2000:]
    out = tmp_path / 'report'
    lines = (out / 'results.md').read_text().splitlines()
    assert lines[0] == '| backbone | baseline | CutMix α=0.4 |'
    assert lines[2] == '| ResNet-18 | 28.75 / 7.00 | 26.50 / 5.50 |'
    assert lines[3] == '| VGG16-BN | 33.25 / 9.75 |  |'
    runs = list(csv.DictReader(open(out / 'runs.csv')))
    assert {r['name'] for r in runs} == {'resnet18_1xb128_cifar100',
                                         'resnet18_1xb128-cutmix-a0.4_cifar100',
                                         'vgg16-bn_1xb128_cifar100'}
    pngs = {p.name for p in (out / 'curves').iterdir()}
    assert {'ResNet-18.png', 'VGG16-BN.png', 'resnet18_1xb128_cifar100.png'} <= pngs
    assert all((out / 'curves' / p).read_bytes()[:4] == b'\x89PNG' for p in pngs)


def test_report_without_runs_is_a_clear_error(tmp_path, capsys):
    code = run_cli('tools/report.py', '--work-root', str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2 and 'run tools/run_matrix.py first' in err
    assert err.startswith('error: ') and err.count('\n') == 1, err


def test_report_layout_without_runs_is_a_clear_error(tmp_path, capsys):
    code = run_cli('tools/report.py', '--report', '004', '--work-root', str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith('error: no run of report 004 in ')
    assert err.count('\n') == 1, err


def test_report_layout_cli_writes_into_report_id(tmp_path, capsys):
    # with the config the Runner saves (the layouts find runs by its experiment metadata)
    fake_run(tmp_path / 'resnet18_1xb128_cifar100', {1: {'accuracy/top1': 60.0}},
             test={'accuracy/top1': 71.25, 'accuracy/top5': 93.0})
    code = run_cli('tools/report.py', '--report', '000', '--work-root', str(tmp_path))
    assert code == 0, capsys.readouterr().err[-2000:]
    out = tmp_path / 'report_000'
    assert {'report.md', 'top1_error.csv', 'top5_error.md', 'mixup_alpha.md',
            'cutmix_alpha.csv'} <= {p.name for p in out.iterdir()}
    assert 'Top1 error' in capsys.readouterr().out
