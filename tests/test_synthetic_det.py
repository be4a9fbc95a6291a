"""``SyntheticDetDataset``: random images with boxes that go through mmdet's training
pipeline from ``LoadAnnotations`` on."""
import torch
from mmdet.registry import DATASETS
from mmengine.registry import init_default_scope

import custom_modules  # noqa: F401  (registers the modules)

PIPELINE = [dict(type='LoadAnnotations', with_bbox=True),
            dict(type='Resize', scale=(80, 40), keep_ratio=True),
            dict(type='RandomFlip', prob=0.5), dict(type='PackDetInputs')]


def test_boxes_lie_in_the_image_and_labels_in_range():
    init_default_scope('mmdet')
    dataset = DATASETS.build(dict(type='SyntheticDetDataset', num_samples=6, num_classes=4,
                                  image_size=(60, 120), pool=2, pipeline=PIPELINE))
    assert len(dataset) == 6 and dataset.metainfo['classes'][3] == 'class3'
    for idx in range(6):
        info = dataset.get_data_info(idx)
        assert info['img'].shape == (60, 120, 3) and (info['height'], info['width']) == (60, 120)
        assert 1 <= len(info['instances']) <= 3
        for instance in info['instances']:
            x1, y1, x2, y2 = instance['bbox']
            assert 0 <= x1 < x2 <= 120 and 0 <= y1 < y2 <= 60
            assert instance['bbox_label'] in range(4) and instance['ignore_flag'] == 0
    packed = dataset[0]
    assert tuple(packed['inputs'].shape) == (3, 40, 80)  # resized by the pipeline
    boxes = packed['data_samples'].gt_instances.bboxes.tensor
    assert len(boxes) == len(dataset.get_data_info(0)['instances'])
    assert torch.all(boxes[:, 2:] <= torch.tensor([80.0, 40.0]))


def test_the_same_seed_gives_the_same_boxes():
    init_default_scope('mmdet')
    make = dict(type='SyntheticDetDataset', num_samples=3, num_classes=2, image_size=16)
    assert ([DATASETS.build(make).get_data_info(i)['instances'] for i in range(3)]
            == [DATASETS.build(make).get_data_info(i)['instances'] for i in range(3)])


def test_an_empty_dataset_is_refused():
    import pytest

    from custom_modules.errors import DataError
    init_default_scope('mmdet')
    with pytest.raises(DataError, match='SyntheticDetDataset needs num_samples'):
        DATASETS.build(dict(type='SyntheticDetDataset', num_samples=0, num_classes=2))
