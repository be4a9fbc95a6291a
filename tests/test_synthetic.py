"""``SyntheticImageDataset``: seeded random images and labels in the CIFAR item format."""
import numpy as np
import pytest

from custom_modules.errors import DataError
from custom_modules.plugins.datasets import SyntheticImageDataset


def test_items_are_seeded_pool_images_with_labels_in_range():
    one = SyntheticImageDataset(num_samples=10, num_classes=3, image_size=(8, 12), pool=4)
    two = SyntheticImageDataset(num_samples=10, num_classes=3, image_size=(8, 12), pool=4)
    item = one[5]
    assert item['img'].shape == (8, 12, 3) and item['img'].dtype == np.uint8
    assert np.array_equal(item['img'], one[1]['img'])  # item i shows pool image i % 4
    assert not np.array_equal(one[1]['img'], one[2]['img'])
    assert [one[i]['gt_label'] for i in range(10)] == [two[i]['gt_label'] for i in range(10)]
    assert {one[i]['gt_label'] for i in range(10)} <= {0, 1, 2}
    assert one.metainfo['classes'] == ('class0', 'class1', 'class2')


def test_a_pipeline_gets_a_writable_copy():
    dataset = SyntheticImageDataset(num_samples=2, num_classes=2, image_size=4,
                                    pipeline=[dict(type='PackInputs')])
    assert tuple(dataset[0]['inputs'].shape) == (3, 4, 4)
    assert dataset.get_data_info(0)['img'].flags.writeable


def test_an_empty_dataset_is_refused():
    with pytest.raises(DataError, match='num_samples'):
        SyntheticImageDataset(num_samples=0, num_classes=2)
