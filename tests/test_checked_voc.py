"""CheckedVOCDataset loads good VOCdevkit data like mmdet and names the file on bad input."""
import logging
import os
import re
import xml.etree.ElementTree as ET

import pytest

from custom_modules.errors import DataError
from custom_modules.plugins.datasets import CheckedVOCDataset, checked_voc
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
    with pytest.raises(DataError, match=r'split file .*missing\.txt does not exist'):
        _dataset(devkit, split='missing')


@pytest.mark.parametrize('test_mode', [False, True])
def test_drop_difficult_deletes_the_difficult_objects(devkit, test_mode):
    """Same instances as mmdet's minus the ignored (difficult) ones; nothing ignored left."""
    kept = _dataset(devkit, test_mode=test_mode)
    dropped = _dataset(devkit, test_mode=test_mode, drop_difficult=True)
    assert len(kept) == len(dropped) == 4  # an image keeps its place without objects too
    for i in range(4):
        expected = [inst for inst in kept.get_data_info(i)['instances']
                    if not inst['ignore_flag']]
        assert dropped.get_data_info(i)['instances'] == expected
    assert sum(len(kept.get_data_info(i)['instances']) for i in range(4)) > \
        sum(len(dropped.get_data_info(i)['instances']) for i in range(4))


def test_drop_difficult_keeps_small_boxes_ignored_by_bbox_min_size(devkit):
    """Only <difficult> decides what is deleted; mmdet's bbox_min_size still ignores."""
    _set_boxes(devkit, [(2, 2, 10, 10), (60, 10, 100, 50)], name='2007_00001')  # not difficult
    dataset = _dataset(devkit, drop_difficult=True,
                       filter_cfg=dict(filter_empty_gt=False, bbox_min_size=32))
    flags = [inst['ignore_flag'] for inst in dataset.get_data_info(1)['instances']]
    assert flags == [1, 0]


def test_split_files_of_the_generated_devkit(devkit):
    """tests/helpers/voc_data.py also writes VOC2007 train.txt and val.txt (trainval halves)."""
    def ids(split):
        path = os.path.join(devkit, 'VOC2007', 'ImageSets', 'Main', f'{split}.txt')
        return open(path).read().split()

    assert ids('train') + ids('val') == ids('trainval') and len(ids('train')) == 2
    assert len(_dataset(devkit, split='val')) == 2


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


def _set_boxes(devkit, boxes, name='2007_00000'):
    """Write ``boxes`` (xmin, ymin, xmax, ymax as in the XML: 1-based) over the first objects
    of ``name``'s annotation; returns the objects' class names."""
    tree = ET.parse(_xml(devkit, name))
    objects = tree.getroot().findall('object')
    for obj, box in zip(objects, boxes):
        for tag, value in zip(('xmin', 'ymin', 'xmax', 'ymax'), box):
            obj.find(f'bndbox/{tag}').text = str(value)
    tree.write(_xml(devkit, name))
    return [obj.findtext('name') for obj in objects]


def test_boxes_one_pixel_outside_are_clipped_with_one_warning(devkit, monkeypatch):
    """The 128x96 images: x in 1..128, y in 1..96 as written; mmdet's boxes are those - 1."""
    logged = []
    monkeypatch.setattr(checked_voc, 'print_log',
                        lambda message, **kwargs: logged.append((message, kwargs['level'])))
    _set_boxes(devkit, [(0, 1, 50, 50), (60, 10, 129, 97)])
    _set_boxes(devkit, [(1, 0, 40, 40), (50, 2, 128, 96)], name='2007_00001')  # 1 clipped
    _set_boxes(devkit, [(1, 1, 128, 96)], name='2007_00002')  # the whole image: kept as is
    dataset = _dataset(devkit)
    boxes = [[inst['bbox'] for inst in dataset.get_data_info(i)['instances']] for i in range(3)]
    assert boxes[0] == [[0, 0, 49, 49], [59, 9, 127, 95]]
    assert boxes[1] == [[0, 0, 39, 39], [49, 1, 127, 95]]
    assert boxes[2][0] == [0, 0, 127, 95]
    assert len(logged) == 1
    message, level = logged[0]
    assert level == logging.WARNING
    assert re.search(r'trainval\.txt: 3 box\(es\) in 2 annotation file\(s\) left the image by '
                     'one pixel and were clipped', message)


@pytest.mark.parametrize('box,problem', [
    ((-1, 1, 50, 50), r'leaves the 128x96 image of <size> by more than one pixel'),
    ((60, 10, 130, 50), r'leaves the 128x96 image'),
    ((10, 10, 60, 98), r'leaves the 128x96 image'),
    ((50, 10, 20, 60), r'is inverted \(xmin > xmax\); swap the corners'),
    ((10, 60, 50, 20), r'is inverted \(ymin > ymax\)'),
    ((10, 10, 10, 50), r'has zero area; mmdet needs xmax > xmin and ymax > ymin'),
    ((10, 30, 50, 30), r'has zero area'),
    ((0, 10, 1, 50), r'has zero area inside the 128x96 image'),
])
def test_bad_boxes_name_the_file_and_object(devkit, box, problem):
    names = _set_boxes(devkit, [(2, 2, 40, 40), box], name='2007_00002')
    xmin, ymin, xmax, ymax = box
    written = re.escape(f'(xmin={xmin}, ymin={ymin}, xmax={xmax}, ymax={ymax})')
    message = rf'2007_00002\.xml: object 1 \({names[1]!r}\): box {written} {problem}'
    with pytest.raises(DataError, match=message):
        _dataset(devkit)


@pytest.mark.parametrize('text,problem', [
    ('', ' lists no image ids'), ('\n \n', ' lists no image ids'),
    ('2007_10000\n\n2007_10001\n', ': line 2 is blank; remove it')])
def test_empty_split_file_or_line_names_it(devkit, text, problem):
    with open(os.path.join(devkit, 'VOC2007', 'ImageSets', 'Main', 'test.txt'), 'w') as f:
        f.write(text)
    with pytest.raises(DataError, match=rf'VOC split file .*test\.txt{problem}'):
        _dataset(devkit, split='test')
