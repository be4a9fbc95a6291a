"""tools/data/make_shapes_voc.py writes a VOC2007-layout shapes dataset that mmdet reads,
deterministically."""
import hashlib
import os
import xml.etree.ElementTree as ET

import cv2
import numpy as np
import pytest

from custom_modules.apps.data import shapes_voc
from tests.helpers.configs import run_cli

CLASSES = ('circle', 'square', 'triangle')


def _digest(folder):
    files = sorted(p for p in folder.rglob('*') if p.is_file())
    return {str(p.relative_to(folder)): hashlib.md5(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope='module')
def shapes(tmp_path_factory):
    root = tmp_path_factory.mktemp('shapes')
    shapes_voc.make_dataset(str(root), train=12, test=6, seed=3, progress=False)
    return root


def test_mmdet_voc_dataset_reads_it(shapes):
    from mmdet.datasets import VOCDataset
    year = shapes / 'VOCdevkit' / 'VOC2007'
    assert (year / 'ImageSets' / 'Main' / 'trainval.txt').read_text().split() == \
        [f'{i:06d}' for i in range(1, 13)]
    assert len((year / 'ImageSets' / 'Main' / 'test.txt').read_text().split()) == 6
    counts = np.zeros(3, int)
    for split, n in (('trainval', 12), ('test', 6)):
        dataset = VOCDataset(data_root=str(shapes / 'VOCdevkit'), metainfo=dict(classes=CLASSES),
                             ann_file=f'VOC2007/ImageSets/Main/{split}.txt',
                             data_prefix=dict(sub_data_root='VOC2007/'), test_mode=True,
                             pipeline=[])
        assert len(dataset) == n
        for i in range(n):
            info = dataset.get_data_info(i)
            image = cv2.imread(info['img_path'])
            assert image.shape == (128, 128, 3) and (info['width'], info['height']) == (128, 128)
            assert 2 <= sum(not o['ignore_flag'] for o in info['instances']) <= 4
            for obj in info['instances']:
                x1, y1, x2, y2 = obj['bbox']
                assert 0 <= x1 < x2 <= 127 and 0 <= y1 < y2 <= 127, obj
                side = min(x2 - x1, y2 - y1)
                assert 20 <= side <= 48 if not obj['ignore_flag'] else side <= 10
                counts[obj['bbox_label']] += 1
            boxes = [o['bbox'] for o in info['instances']]
            for k, a in enumerate(boxes):  # no two shapes touch
                for b in boxes[:k]:
                    assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    assert counts.min() >= counts.max() // 2  # classes in turn: balanced


def test_shapes_stand_out_from_the_background():
    """The mean colour inside a square differs from the background around it."""
    rng = np.random.default_rng(5)
    seen = 0
    for _ in range(20):
        image, objects = shapes_voc.make_image(rng)
        for cls, (x1, y1, x2, y2), difficult in objects:
            if cls != 'square' or difficult or min(x1, y1) < 3 or max(x2, y2) > 124:
                continue
            inside = image[y1 + 2:y2 - 1, x1 + 2:x2 - 1].reshape(-1, 3).mean(0)
            ring = np.concatenate([image[y1 - 3:y1 - 1, x1:x2].reshape(-1, 3),
                                   image[y2 + 2:y2 + 4, x1:x2].reshape(-1, 3)]).mean(0)
            assert np.linalg.norm(inside - ring) > 45, (inside, ring)
            seen += 1
    assert seen >= 5


def test_xml_names_classes_and_difficult_flags(shapes):
    names, flags = set(), set()
    for xml in (shapes / 'VOCdevkit' / 'VOC2007' / 'Annotations').glob('*.xml'):
        for obj in ET.parse(xml).getroot().iter('object'):
            names.add(obj.findtext('name'))
            flags.add(obj.findtext('difficult'))
    assert names == set(CLASSES) and flags <= {'0', '1'}


def test_same_seed_same_files_other_seed_other_files(shapes, tmp_path):
    assert run_cli('tools/data/make_shapes_voc.py', '--out', tmp_path / 'a', '--train', '12',
                   '--test', '6', '--seed', '3') == 0
    assert _digest(tmp_path / 'a') == _digest(shapes)
    shapes_voc.make_dataset(str(tmp_path / 'b'), train=12, test=6, seed=4, progress=False)
    other = _digest(tmp_path / 'b')
    assert other.keys() == _digest(shapes).keys() and other != _digest(shapes)


def test_bad_arguments_are_refused(tmp_path, capsys):
    assert run_cli('tools/data/make_shapes_voc.py', '--out', tmp_path, '--train', '0') == 2
    assert '--train' in capsys.readouterr().err
    assert not os.listdir(tmp_path)
