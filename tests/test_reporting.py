"""Reporting reads (resumed) mmengine logs and writes tables and curve PNGs."""
import csv
import json

from custom_modules.apps.reporting import load_scalars, plot_curves, write_table


def _log(folder, records):
    (folder / 'vis_data').mkdir(parents=True)
    (folder / 'vis_data' / 'scalars.json').write_text('\n'.join(json.dumps(r) for r in records))


def test_resumed_run_logs_are_merged(tmp_path):
    _log(tmp_path / '20260101_000000', [
        {'loss': 2.0, 'step': 1, 'epoch': 1}, {'loss': 1.5, 'step': 2, 'epoch': 1},
        {'accuracy/top1': 40.0, 'step': 1}])
    _log(tmp_path / '20260101_010000', [
        {'loss': 1.4, 'step': 2, 'epoch': 1}, {'loss': 1.0, 'step': 3, 'epoch': 2},
        {'accuracy/top1': 60.0, 'step': 2}])
    train, val = load_scalars(str(tmp_path))
    assert [(r['step'], r['loss']) for r in train] == [(1, 2.0), (2, 1.4), (3, 1.0)]
    assert [r['accuracy/top1'] for r in val] == [40.0, 60.0]
    png = plot_curves({'run': str(tmp_path)}, str(tmp_path / 'out' / 'curves.png'))
    assert open(png, 'rb').read(8) == b'\x89PNG\r\n\x1a\n'


def test_tables(tmp_path):
    rows = [{'model': 'a', 'top-1': 91.234}, {'model': 'b', 'top-1': 80.0}]
    md = write_table(rows, ['model', 'top-1'], str(tmp_path / 't.md'), str(tmp_path / 't.csv'))
    assert md.splitlines()[2] == '| a | 91.23 |'
    assert list(csv.DictReader(open(tmp_path / 't.csv')))[1] == {'model': 'b', 'top-1': '80.0'}
