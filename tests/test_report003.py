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
