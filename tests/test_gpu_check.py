"""``tools/gpu_check.py`` on a CPU with ``--tiny`` settings (mmcv's ops against torchvision's,
the Runner vs plain-loop sections), its guarding (a failed, a timed-out and a skipped section are
recorded and the rest still run) and the pieces of the packed-runs section. The measured values
are not checked: only that they are there."""
import json
import time

import pytest
import torch
from mmengine.config import Config

from custom_modules.apps.benchmarks import gpu_check
from custom_modules.errors import UserInputError
from tests.helpers.configs import run_script


@pytest.mark.skipif(torch.cuda.is_available(), reason='--device cpu needs the GPU hidden')
def test_a_tiny_cpu_run_writes_json_and_markdown(tmp_path):
    result = run_script('tools/gpu_check.py', '--device', 'cpu', '--tiny', '--sections', 'ops',
                        'train', '--out-dir', tmp_path, threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    assert '[gpu_check] 1/2 ops (limit 30 s' in result.stdout
    assert 'every section ok' in result.stdout
    sections = json.loads((tmp_path / 'gpu_check.json').read_text())['sections']
    assert list(sections) == ['ops', 'train']
    ops = sections['ops']['results']
    assert ops['nms']['same_boxes'] and ops['roi_align']['match']
    train = sections['train']['results']
    for variant in ('fp32', 'amp_channels_last'):
        assert set(train[variant]) == {'runner', 'plain', 'ratio'}
        assert all(value > 0 for value in train[variant].values())
    assert train['amp_channels_last_compile'].startswith('skipped')
    assert train['goal']['target'] == 0.95
    table = (tmp_path / 'gpu_check.md').read_text()
    assert '| ops | ok |' in table and '| train | ok |' in table
    assert f'| train | {train["goal"]["ratio_amp_channels_last"]:.3f} | 0.95 |' in table


def fake_sections(monkeypatch):
    def broken(settings, record):
        record['partial'] = 1
        raise ValueError('bad input\nsecond line')

    def slow(settings, record):
        try:
            time.sleep(30)
        except gpu_check.SectionTimeout as exc:  # as torch.compile wraps it
            raise RuntimeError('compile failed') from exc

    def fine(settings, record):
        record['value'] = 2
    monkeypatch.setattr(gpu_check, 'SECTIONS', dict(broken=broken, slow=slow, fine=fine))


def test_a_failed_and_a_timed_out_section_are_recorded_and_the_rest_still_run(
        tmp_path, monkeypatch, capsys):
    fake_sections(monkeypatch)
    settings = gpu_check.Settings(device='cpu', budget_s=60, limits_s=dict(slow=0.2),
                                  min_section_s=0.05)
    results = gpu_check.gpu_check(str(tmp_path), settings)
    sections = json.loads((tmp_path / 'gpu_check.json').read_text())['sections']
    assert sections == results['sections']
    assert sections['broken']['status'] == 'failed'
    assert sections['broken']['error'] == 'ValueError: bad input'
    assert sections['broken']['results'] == {'partial': 1}
    assert 'second line' in sections['broken']['traceback']
    assert sections['slow']['status'] == 'timeout'
    assert sections['slow']['seconds'] < 10
    assert sections['fine'] == dict(status='ok', results={'value': 2},
                                    seconds=sections['fine']['seconds'])
    assert '[gpu_check] slow: timeout' in capsys.readouterr().out
    assert '| broken | failed |' in (tmp_path / 'gpu_check.md').read_text()


def test_sections_past_the_budget_are_skipped(tmp_path, monkeypatch):
    fake_sections(monkeypatch)
    settings = gpu_check.Settings(device='cpu', budget_s=0.3, limits_s={}, min_section_s=0.1)
    sections = gpu_check.gpu_check(str(tmp_path), settings, ['slow', 'fine'])['sections']
    assert sections['slow']['status'] == 'timeout'
    assert sections['fine']['status'] == 'skipped'
    assert 'no time left' in sections['fine']['error']


def test_unknown_sections_and_a_missing_gpu_are_refused(tmp_path):
    with pytest.raises(UserInputError, match='unknown section'):
        gpu_check.gpu_check(str(tmp_path), gpu_check.Settings(device='cpu'), ['nope'])
    if not torch.cuda.is_available():
        with pytest.raises(UserInputError, match='no CUDA device'):
            gpu_check.gpu_check(str(tmp_path), gpu_check.Settings(device='cuda'), ['ops'])


def test_packed_runs_are_copies_of_the_config_on_synthetic_data(tmp_path):
    paths, batch = gpu_check.packed_configs(2, str(tmp_path), gpu_check.Settings.tiny())
    assert [p.rsplit('/', 1)[1] for p in paths] == ['packed2_run1.py', 'packed2_run2.py']
    cfg = Config.fromfile(paths[1])
    assert batch == cfg.train_dataloader.batch_size == 2
    assert cfg.train_dataloader.dataset.type == 'SyntheticImageDataset'
    assert cfg.train_dataloader.dataset.num_samples == 2 * 2  # pack_iters batches
    assert cfg.test_dataloader.dataset.num_samples == 2
    assert cfg.train_cfg.max_epochs == 1


def test_throughput_comes_from_the_logged_training_iterations(tmp_path):
    log = tmp_path / '20260101_000000' / 'vis_data'
    log.mkdir(parents=True)
    entries = [dict(loss=1.0, time=0.9, step=1), dict(loss=1.0, time=0.25, step=2),
               {'accuracy/top1': 3.0, 'step': 1}, dict(loss=1.0, time=0.25, step=3)]
    (log / 'scalars.json').write_text('\n'.join(map(json.dumps, entries)))
    assert gpu_check.logged_images_per_second(str(tmp_path), batch=4) == 16.0  # 4 / 0.25
    with pytest.raises(RuntimeError, match='no training iteration times'):
        gpu_check.logged_images_per_second(str(tmp_path / 'missing'), batch=4)


def test_scale_options_reach_wrapped_training_pipelines_and_the_test_pipeline():
    step = dict(type='Resize', scale=(1333, 800))
    cfg = Config(dict(
        train_dataloader=dict(dataset=dict(type='ConcatDataset', datasets=[
            dict(pipeline=[dict(type='LoadImageFromFile'), step])])),
        test_pipeline=[dict(type='LoadImageFromFile'), step]))
    assert gpu_check.scale_options(cfg, (64, 32)) == {
        'train_dataloader.dataset.datasets.0.pipeline.1.scale': (64, 32),
        'test_pipeline.1.scale': (64, 32)}
