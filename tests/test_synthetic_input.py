"""What ``tools/benchmark_train.py`` reads from a config to make stand-in data."""
import custom_modules  # noqa: F401  (registers the modules)
from custom_modules.apps.benchmarks.synthetic_input import input_shape, without_pretrained
from custom_modules.apps.run.config import load_config
from tests.helpers.configs import REPO


def test_input_shapes_of_classification_detection_and_segmentation_configs():
    cfg = load_config(f'{REPO}/configs/cifar100/resnet18_1xb128_cifar100.py')
    assert input_shape(cfg, 'c') == ('cls', 100, (32, 32), [])
    task, num_classes, size, pipeline = input_shape(
        load_config(f'{REPO}/configs/cub/resnet18_1xb32-scratch_cub200.py'), 'c')
    assert (task, num_classes, size) == ('cls', 200, (224, 224))
    assert not any(step['type'].startswith('Load') for step in pipeline)
    task, num_classes, size, pipeline = input_shape(
        load_config(f'{REPO}/configs/voc/faster-rcnn_r50_fpn_4xb8-10e_voc0712.py'), 'c')
    assert (task, num_classes) == ('det', 20) and size[1] > size[0]  # (height, width)
    assert [step['type'] for step in pipeline][0] == 'LoadAnnotations'
    task, num_classes, size, pipeline = input_shape(
        load_config(f'{REPO}/configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py'),
        'c')
    assert (task, num_classes) == ('seg', 19) and size[1] > size[0]
    assert not any(step['type'].startswith('Load') for step in pipeline)


def test_pretrained_init_steps_are_dropped_and_the_rest_kept():
    model = dict(pretrained='open-mmlab://x',
                 backbone=dict(type='ResNet', init_cfg=dict(type='Pretrained', checkpoint='x')),
                 neck=[dict(type='FPN', init_cfg=dict(type='Xavier'))],
                 head=dict(init_cfg=[dict(type='Normal'), dict(type='Pretrained', prefix='h')]))
    assert without_pretrained(model) == dict(
        pretrained=None, backbone=dict(type='ResNet', init_cfg=None),
        neck=[dict(type='FPN', init_cfg=dict(type='Xavier'))], head=dict(init_cfg=None))
