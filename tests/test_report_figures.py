"""The figure and table writers draw (resumed) mmengine logs (iteration, validation and
per-epoch training records, read through apps.results) and write tables."""
import csv
import json
import math

from custom_modules.apps.reports.figures import (
    _with_breaks,
    plot_curves,
    plot_epoch_panels,
    write_table,
)
from custom_modules.apps.results import load_epochs, load_scalars


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


def test_epoch_records_merge_validation_and_training_means(tmp_path):
    _log(tmp_path / '20260101_000000', [
        {'loss': 2.0, 'step': 5, 'epoch': 1},
        {'train/epoch_loss': 2.5, 'train/epoch_accuracy': 30.0, 'step': 1},
        {'accuracy/top1': 40.0, 'val/loss': 2.25, 'step': 1},
        {'train/epoch_loss': 1.5, 'step': 2}])
    _log(tmp_path / '20260101_010000', [  # resumed: epoch 2 again, then its validation
        {'train/epoch_loss': 1.25, 'step': 2}, {'accuracy/top1': 50.0, 'val/loss': 2.0, 'step': 2}])
    train, val = load_scalars(str(tmp_path))
    assert [r['step'] for r in train] == [5]
    assert [(r['step'], r['accuracy/top1']) for r in val] == [(1, 40.0), (2, 50.0)]
    epochs = load_epochs(str(tmp_path))
    assert epochs == {1: {'train/epoch_loss': 2.5, 'train/epoch_accuracy': 30.0,
                          'accuracy/top1': 40.0, 'val/loss': 2.25, 'step': 1},
                      2: {'train/epoch_loss': 1.25, 'accuracy/top1': 50.0, 'val/loss': 2.0,
                          'step': 2}}
    png = plot_epoch_panels({'run': epochs}, [('loss', [('train/epoch_loss', 'train'),
                                                         ('val/loss', 'val')])],
                            str(tmp_path / 'out' / 'epochs.png'), breaks={'run': [1]})
    assert open(png, 'rb').read(8) == b'\x89PNG\r\n\x1a\n'


def test_breaks_interrupt_a_line_after_the_given_epochs():
    xs, ys = _with_breaks([(1, 1.0), (2, 2.0), (4, 3.0), (5, 4.0)], breaks=[3])
    assert xs[:2] == [1, 2] and math.isnan(xs[2]) and math.isnan(ys[2])
    assert xs[3:] == [4, 5] and ys[3:] == [3.0, 4.0]
    assert _with_breaks([(1, 1.0), (2, 2.0)], breaks=[]) == ([1, 2], [1.0, 2.0])
