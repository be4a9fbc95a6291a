"""apps.results, the one module that reads and writes a run's results: test metrics, the
best checkpoint, JSON written atomically."""
import os
import time

import pytest

from custom_modules.apps import results
from tests.helpers.fake_runs import fake_test_log


def test_write_json_refuses_what_json_cannot_hold(tmp_path):
    with pytest.raises(TypeError):
        results.write_json(str(tmp_path / 'x.json'), {'a': object()})
    assert not list(tmp_path.iterdir())


def test_test_metrics_round_trip_and_missing(tmp_path):
    assert results.read_test_metrics(str(tmp_path)) is None
    results.write_test_metrics(str(tmp_path), {'accuracy/top1': 12.5, 'method': 'm'})
    assert results.read_test_metrics(str(tmp_path)) == {'accuracy/top1': 12.5, 'method': 'm'}


def test_test_metrics_found_in_the_latest_test_log_when_no_test_metrics_json(tmp_path):
    """tools/test.py writes no test_metrics.json: its mmengine test log is read instead,
    the latest one (in the work dir or its test/ folder), without the timings."""
    assert results.find_test_metrics(str(tmp_path)) is None
    (tmp_path / '20260101_000000' / 'vis_data').mkdir(parents=True)  # a training run
    (tmp_path / '20260101_000000' / 'vis_data' / '20260101_000000.json').write_text('{}')
    fake_test_log(tmp_path, {'accuracy/top1': 10.0}, 'a/epoch_1.pth', '20260102_000000')
    latest = fake_test_log(tmp_path / 'test', {'accuracy/top1': 30.0}, 'a/best.pth',
                           '20260103_000000')
    assert results.find_test_metrics(str(tmp_path)) == {
        'accuracy/top1': 30.0, 'checkpoint': 'a/best.pth', 'test_log': str(latest)}
    results.write_test_metrics(str(tmp_path), {'accuracy/top1': 20.0})
    assert results.find_test_metrics(str(tmp_path)) == {'accuracy/top1': 20.0}


def test_epoch_checkpoint_only_when_that_epoch_was_kept(tmp_path):
    (tmp_path / 'epoch_4.pth').write_bytes(b'')
    assert results.epoch_checkpoint(str(tmp_path), 4) == str(tmp_path / 'epoch_4.pth')
    assert results.epoch_checkpoint(str(tmp_path), 6) is None


def test_config_value_read_without_running_the_file(tmp_path):
    path = tmp_path / 'c.py'
    path.write_text("load_from = 'w/epoch_2.pth'\nrandomness = dict(seed=1)\nx = f(2)\n")
    assert results.read_config_value(str(path), 'load_from') == 'w/epoch_2.pth'
    assert results.read_config_value(str(path), 'randomness') == {'seed': 1}
    assert results.read_config_value(str(path), 'x') is None
    assert results.read_config_value(str(tmp_path / 'missing.py'), 'x') is None


def test_best_checkpoint_prefers_the_newest_best_then_the_last(tmp_path):
    assert results.best_checkpoint(str(tmp_path)) is None
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'epoch_3.pth'))
    assert results.best_checkpoint(str(tmp_path)) == str(tmp_path / 'epoch_3.pth')
    for i, name in enumerate(['best_acc_epoch_2.pth', 'best_acc_epoch_1.pth']):
        (tmp_path / name).write_bytes(b'')
        os.utime(tmp_path / name, (time.time() + i, time.time() + i))
    assert results.best_checkpoint(str(tmp_path)) == str(tmp_path / 'best_acc_epoch_1.pth')


def test_experiment_metadata_read_from_the_config_mmengine_saved(tmp_path):
    """The Runner saves the merged config as ``<work dir>/<config name>.py``; its
    ``experiment`` is read back without running the file."""
    from mmengine.config import Config
    run = tmp_path / 'any-name'
    run.mkdir()
    Config(dict(model=dict(type='M'), experiment=dict(report='9-Z', method='Mixup α=0.5'))).dump(
        str(run / 'some_config.py'))
    assert results.run_experiment(str(run)) == {'report': '9-Z', 'method': 'Mixup α=0.5'}
    assert results.run_experiment(str(tmp_path)) == {}  # no run there


def test_find_runs_by_metadata_whatever_the_folders_are_called(tmp_path):
    for name, experiment in (('a', "dict(report='1', method='x')"),
                             ('b', "dict(report='1', method='y')"), ('c', "{'report': '2'}")):
        (tmp_path / name).mkdir()
        (tmp_path / name / 'cfg.py').write_text(f'_base_ = []\nexperiment = {experiment}\n')
    (tmp_path / 'not-a-run').mkdir()
    pbt = tmp_path / 'pbt_x'  # a PBT work dir: the metadata its result records
    pbt.mkdir()
    results.write_json(str(pbt / results.PBT_RESULT_FILE),
                       {'experiment': {'report': '1', 'method': 'pbt'}})
    assert list(results.find_runs(str(tmp_path), report='1')) == ['a', 'b', 'pbt_x']
    assert results.find_runs(str(tmp_path), report='1', method='y') == {
        'b': {'report': '1', 'method': 'y'}}
    assert results.find_runs(str(tmp_path), method='z') == {}
