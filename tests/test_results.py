"""apps.results, the one module that reads and writes a run's results: test metrics, the
best checkpoint, JSON written atomically."""
import os
import time

import pytest

from custom_modules.apps import results


def test_write_json_refuses_what_json_cannot_hold(tmp_path):
    with pytest.raises(TypeError):
        results.write_json(str(tmp_path / 'x.json'), {'a': object()})
    assert not list(tmp_path.iterdir())


def test_test_metrics_round_trip_and_missing(tmp_path):
    assert results.read_test_metrics(str(tmp_path)) is None
    results.write_test_metrics(str(tmp_path), {'accuracy/top1': 12.5, 'method': 'm'})
    assert results.read_test_metrics(str(tmp_path)) == {'accuracy/top1': 12.5, 'method': 'm'}


def test_best_checkpoint_prefers_the_newest_best_then_the_last(tmp_path):
    assert results.best_checkpoint(str(tmp_path)) is None
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'epoch_3.pth'))
    assert results.best_checkpoint(str(tmp_path)) == str(tmp_path / 'epoch_3.pth')
    for i, name in enumerate(['best_acc_epoch_2.pth', 'best_acc_epoch_1.pth']):
        (tmp_path / name).write_bytes(b'')
        os.utime(tmp_path / name, (time.time() + i, time.time() + i))
    assert results.best_checkpoint(str(tmp_path)) == str(tmp_path / 'best_acc_epoch_1.pth')
