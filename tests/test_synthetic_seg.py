"""``SyntheticSegDataset``: random images and label maps that go through mmseg's training
pipeline after its loading steps."""
import numpy as np
from mmengine.registry import init_default_scope
from mmseg.registry import DATASETS

import custom_modules  # noqa: F401  (registers the modules)


def test_maps_hold_classes_in_range_and_follow_the_crop():
    init_default_scope('mmseg')
    pipeline = [dict(type='RandomCrop', crop_size=(16, 24)), dict(type='PackSegInputs')]
    dataset = DATASETS.build(dict(type='SyntheticSegDataset', num_samples=4, num_classes=5,
                                  image_size=(32, 48), pool=2, pipeline=pipeline))
    info = dataset.get_data_info(3)
    assert info['img'].shape == (32, 48, 3) and info['gt_seg_map'].shape == (32, 48)
    assert set(np.unique(info['gt_seg_map'])) <= set(range(5))
    assert np.array_equal(info['gt_seg_map'], dataset.get_data_info(1)['gt_seg_map'])
    packed = dataset[0]
    assert tuple(packed['inputs'].shape) == (3, 16, 24)
    assert tuple(packed['data_samples'].gt_sem_seg.data.shape) == (1, 16, 24)
    assert len(dataset.metainfo['palette']) == 5
