"""Report 000-A layout: Top1/Top5 error grids and α ablations from test_metrics.json,
each value beside R000's reference figure with the difference; per-run curves."""
from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R000_MIXUP_ALPHA, R000_TOP1_ERROR, R000_TOP5_ERROR
from tests.helpers.fake_runs import fake_run, read_rows, signed

REF, DELTA = '(reference figure)', 'Δ'


def test_error_tables_and_curves(tmp_path):
    fake_run(tmp_path / 'resnet18_1xb128_cifar100',
             {2: {'accuracy/top1': 11.0, 'accuracy/top5': 31.0, 'val/loss': 4.5,
                  'train/epoch_loss': 4.25}},
             test={'accuracy/top1': 70.0, 'accuracy/top5': 90.5})
    fake_run(tmp_path / 'mobilenet-v2_1xb128-mixup-a0.2_cifar100',
             test={'accuracy/top1': 55.25, 'accuracy/top5': 80.0})
    out = tmp_path / 'report'
    build_report('000', str(tmp_path), str(out))

    top1 = read_rows(out / 'top1_error.csv', 'Method')
    assert list(top1) == ['VGG16', 'ResNet18', 'MobileNetV2']
    row = top1['ResNet18']
    reference = R000_TOP1_ERROR[('ResNet18', 'Baseline')].value
    assert row['Baseline'] == '30.00'
    assert row[f'Baseline {REF}'] == f'{reference:.2f}'
    assert row[f'Baseline {DELTA}'] == signed(30.0 - reference)
    # no run: empty value and difference, the reference figure still shown
    assert row['Cutout'] == row[f'Cutout {DELTA}'] == '' and row[f'Cutout {REF}']
    top5 = read_rows(out / 'top5_error.csv', 'Method')['ResNet18']
    assert top5['Baseline'] == '9.50'
    reference = R000_TOP5_ERROR[('ResNet18', 'Baseline')].value
    assert top5[f'Baseline {DELTA}'] == signed(9.5 - reference)

    mixup = read_rows(out / 'mixup_alpha.csv', 'Method')['MobileNetV2']
    column = 'Mixup (α = 0.2)'
    assert mixup[column] == '44.75'
    assert mixup[f'{column} {DELTA}'] == signed(
        44.75 - R000_MIXUP_ALPHA[('MobileNetV2', '0.2')].value)
    assert read_rows(out / 'cutmix_alpha.csv', 'Method')['VGG16']['Cutmix (α = 0.6)'] == ''

    md = (out / 'top1_error.md').read_text()
    assert 'reference figures' in md and 'R000 测试结果, table "Top1 error"' in md
    report = (out / 'report.md').read_text()
    assert '## Mixup α, Top1 error' in report and 'Runs not found (24)' in report
    curves = {p.name for p in (out / 'curves').iterdir()}
    assert curves == {'resnet18_1xb128_cifar100.png'}  # the other run logged no epochs
    assert (out / 'curves' / 'resnet18_1xb128_cifar100.png').read_bytes()[:4] == b'\x89PNG'
