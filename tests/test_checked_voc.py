"""CheckedVOCDataset loads good VOCdevkit data like mmdet and names the file on bad input."""
import os

import pytest

from custom_modules.errors import DataError
from custom_modules.plugins.datasets import CheckedVOCDataset
from tests.helpers.voc_data import make_vocdevkit


def _dataset(root, split='trainval', **kwargs):
    return CheckedVOCDataset(data_root=str(root), ann_file=f'VOC2007/ImageSets/Main/{split}.txt',
                             data_prefix=dict(sub_data_root='VOC2007/'), pipeline=[], **kwargs)


@pytest.fixture()
def devkit(tmp_path):
    return make_vocdevkit(tmp_path / 'VOCdevkit', years=('2007',))


def test_good_data_loads_with_difficult_flags(devkit):
    from mmdet.datasets import VOCDataset
    ours = _dataset(devkit)
    theirs = VOCDataset(data_root=devkit, ann_file='VOC2007/ImageSets/Main/trainval.txt',
                        data_prefix=dict(sub_data_root='VOC2007/'), pipeline=[])
    assert len(ours) == len(theirs) == 4
    assert [ours.get_data_info(i)['instances'] for i in range(4)] == \
        [theirs.get_data_info(i)['instances'] for i in range(4)]
    flags = [inst['ignore_flag'] for i in range(4) for inst in ours.get_data_info(i)['instances']]
    assert 0 < sum(flags) < len(flags)  # some objects are difficult


def _xml(devkit, name='2007_00000'):
    return os.path.join(devkit, 'VOC2007', 'Annotations', f'{name}.xml')


def test_malformed_xml_names_the_file(devkit):
    with open(_xml(devkit), 'w') as f:
        f.write('<annotation><size><width>5</width></size>')  # truncated
    with pytest.raises(DataError, match=r'2007_00000\.xml is not valid XML'):
        _dataset(devkit)


def test_unknown_class_names_the_file_and_class(devkit):
    text = open(_xml(devkit)).read()
    name = 'car' if '<name>car</name>' in text else text.split('<name>')[1].split('<')[0]
    with open(_xml(devkit), 'w') as f:
        f.write(text.replace(f'<name>{name}</name>', '<name>kar</name>', 1))
    with pytest.raises(DataError, match=r"2007_00000\.xml: unknown class name 'kar'"):
        _dataset(devkit)


def test_class_subset_still_skips_other_voc_classes(devkit):
    dataset = _dataset(devkit, metainfo=dict(classes=('car',)))
    labels = {inst['bbox_label'] for i in range(len(dataset))
              for inst in dataset.get_data_info(i)['instances']}
    assert labels == {0}


def test_missing_image_names_the_file(devkit):
    os.remove(os.path.join(devkit, 'VOC2007', 'JPEGImages', '2007_00001.jpg'))
    message = r'image .*2007_00001\.jpg listed in .*trainval\.txt does not exist'
    with pytest.raises(DataError, match=message):
        _dataset(devkit)


def test_missing_split_file_is_clear(devkit):
    with pytest.raises(DataError, match=r'split file .*val\.txt does not exist'):
        _dataset(devkit, split='val')


def test_missing_bndbox_is_malformed(devkit):
    text = open(_xml(devkit)).read()
    start, end = text.index('<bndbox>'), text.index('</bndbox>') + len('</bndbox>')
    with open(_xml(devkit), 'w') as f:
        f.write(text[:start] + text[end:])
    with pytest.raises(DataError, match=r'2007_00000\.xml is malformed'):
        _dataset(devkit)


def test_own_classes_are_not_reported_as_voc(devkit):
    """VOCMetric labels its per-class table with VOC's names for VOC2007/VOC2012 datasets."""
    assert _dataset(devkit).metainfo['dataset_type'] == 'VOC2007'
    own = _dataset(devkit, metainfo=dict(classes=('car', 'dog', 'cat')))
    assert own.metainfo['dataset_type'] is None
