"""``tools/benchmark_train.py``: both training loops on synthetic data, figures and ratio printed
(the figures' values are not checked: machines differ)."""
import re

from tests.helpers.configs import DEMO_CONFIG, REPO, run_script

FIGURE = r'\d+\.\d'


def test_benchmark_train_prints_both_figures_and_the_ratio():
    result = run_script('tools/benchmark_train.py', DEMO_CONFIG, '--device', 'cpu',
                        '--batch-size', '4', '--iters', '2', '--warmup', '1', '--repeats', '1',
                        '--channels-last', threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert re.search(r'batch 4, 32x32 images, 10 classes, float32, options: channels_last', out)
    assert re.search(rf'repeat 1/1: plain {FIGURE} img/s, runner {FIGURE} img/s, ratio '
                     r'\d+\.\d{3}', out)
    assert re.search(rf'^plain loop: {FIGURE} img/s \(median of 1\)$', out, re.M)
    assert re.search(rf'^Runner: {FIGURE} img/s \(median of 1\)$', out, re.M)
    assert re.search(r'^ratio Runner/plain: \d+\.\d{3} \(median of 1; target >= 0\.95\)$',
                     out, re.M)


def test_a_detection_config_runs_both_loops():
    config = f'{REPO}/configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py'
    result = run_script('tools/benchmark_train.py', config, '--batch-size', '1', '--iters', '1',
                        '--warmup', '1', '--repeats', '1', threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r'batch 1, \d+x\d+ images, 3 classes, float32', result.stdout)
    assert re.search(r'^ratio Runner/plain: \d+\.\d{3}', result.stdout, re.M)


def test_a_config_without_classes_is_refused_with_one_line(tmp_path):
    config = tmp_path / 'headless.py'
    config.write_text(f"_base_ = ['{DEMO_CONFIG}']\nmodel = dict(head=dict(num_classes=None))\n")
    result = run_script('tools/benchmark_train.py', config, '--iters', '1')
    assert result.returncode == 2
    assert result.stderr.count('error: ') == 1 and 'num_classes' in result.stderr


def test_hooks_with_their_own_loader_are_left_out():
    """The C4 configs' DetValLossHook builds a loader over the real VOC split, which a
    benchmark on synthetic data does not have; the other hooks stay."""
    from custom_modules.apps.benchmarks.train_throughput import Bench
    config = (f'{REPO}/configs/voc/'
              'faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py')
    hooks = Bench(config, batch_size=1, iters=1, warmup=1).cfg.custom_hooks
    assert hooks and not any('dataloader' in hook for hook in hooks)
    assert 'ValTestCfgHook' in [hook['type'] for hook in hooks]
