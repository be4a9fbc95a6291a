"""``tools/benchmark_train.py``: both training loops on synthetic data, figures and ratio printed
(the figures' values are not checked: machines differ)."""
import re

import custom_modules  # noqa: F401  (registers the modules)
from custom_modules.apps.benchmarks.train_throughput import input_shape
from custom_modules.apps.launch import load_config
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


def test_a_detection_config_is_refused_with_one_line():
    config = f'{REPO}/configs/voc/faster-rcnn_r50_fpn_4xb8-10e_voc07.py'
    result = run_script('tools/benchmark_train.py', config, '--iters', '1')
    assert result.returncode == 2
    assert 'error: ' in result.stderr and 'classification configs' in result.stderr


def test_input_shape_of_a_cifar_and_a_per_image_pipeline_config():
    cfg = load_config(f'{REPO}/configs/cifar100/resnet18_1xb128_cifar100.py')
    assert input_shape(cfg, 'c') == (100, 32, [])
    num_classes, side, pipeline = input_shape(
        load_config(f'{REPO}/configs/cub/resnet18_1xb32-scratch_cub200.py'), 'c')
    assert (num_classes, side) == (200, 224)
    assert not any(step['type'].startswith('Load') for step in pipeline)
