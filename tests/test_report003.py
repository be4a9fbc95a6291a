"""Report 003 layout: each run at the epochs of the slides' log lines beside their values
(fractions shown in %), its last epoch, and per-run curves."""
from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R003_LOGS
from tests.helpers.fake_runs import fake_run, read_rows, signed

REF, DELTA = '(reference figure)', 'Δ'
VGG = 'vgg19_1xb32-adam-100e_folder'


def test_runs_at_the_log_epochs(tmp_path):
    (line, ) = R003_LOGS['VGG19']
    epochs = {e: {'accuracy/top1': 40.0 + e / 10, 'train/epoch_loss': 1.0 / e,
                  'train/epoch_accuracy': 50.0 + e / 10} for e in range(1, line.epoch + 2)}
    fake_run(tmp_path / VGG, epochs)
    out = tmp_path / 'report'
    build_report('003', str(tmp_path), str(out))

    with open(out / 'summary.csv') as f:
        assert sum(1 for _ in f) - 1 == sum(len(lines) for lines in R003_LOGS.values())
    row = read_rows(out / 'summary.csv', 'run')['VGG19']
    at = epochs[line.epoch]
    assert row['epoch'] == str(line.epoch)
    assert row['test accuracy (%)'] == f"{at['accuracy/top1']:.2f}"
    assert row[f'test accuracy (%) {REF}'] == f'{line.test_accuracy.value * 100:.2f}'
    assert row[f'test accuracy (%) {DELTA}'] == signed(
        at['accuracy/top1'] - line.test_accuracy.value * 100)
    assert row['train loss'] == f"{at['train/epoch_loss']:.4f}"
    assert row[f'train loss {DELTA}'] == signed(at['train/epoch_loss'] - line.loss.value, 4)
    assert row['last epoch'] == str(line.epoch + 1)
    last = epochs[line.epoch + 1]['accuracy/top1']
    assert row['test accuracy at last epoch (%)'] == f'{last:.2f}'
    nin = read_rows(out / 'summary.csv', 'run')['NIN']
    assert nin['test accuracy (%)'] == '' and nin[f'test accuracy (%) {REF}']
    assert {p.name for p in (out / 'curves').iterdir()} == {f'{VGG}.png', 'all_runs.png'}


def test_r1_and_r2_rows_read_their_own_runs(tmp_path):
    """The two logs of the scratch ResNet-18 with augmentation are two runs (R1, R2)."""
    (r1_line, ), (r2_line, ) = R003_LOGS['ResNet-18 + aug (R1)'], R003_LOGS['ResNet-18 + aug (R2)']
    for name, base, last in (('resnet18_1xb32-aug-adam-50e_folder', 30.0, 50),
                             ('resnet18_1xb32-aug-adam-50e-seed1_folder', 60.0, 51)):
        fake_run(tmp_path / name, {e: {'accuracy/top1': base + e / 100, 'train/epoch_loss': 2.0,
                                       'train/epoch_accuracy': 40.0} for e in range(1, last + 1)})
    out = tmp_path / 'report'
    build_report('003', str(tmp_path), str(out))

    rows = read_rows(out / 'summary.csv', 'run')
    r1, r2 = rows['ResNet-18 + aug (R1)'], rows['ResNet-18 + aug (R2)']
    assert (r1['epoch'], r2['epoch']) == (str(r1_line.epoch), str(r2_line.epoch))
    assert r1['test accuracy (%)'] == f'{30.0 + r1_line.epoch / 100:.2f}'
    assert r2['test accuracy (%)'] == f'{60.0 + r2_line.epoch / 100:.2f}'
    assert (r1['last epoch'], r2['last epoch']) == ('50', '51')
    report = (out / 'report.md').read_text()
    assert "run='R1'" not in report and "run='R2'" not in report  # both found
