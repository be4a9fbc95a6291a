"""CamVid -> Cityscapes mapping on hand-made labels, IoU arithmetic, tools/eval_camvid.py."""
import csv
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from custom_modules.apps.video.camvid_eval import CamVidMapping, ConfusionIoU
from custom_modules.errors import DataError
from tests.helpers.configs import REPO, run_script
from tests.helpers.seg_data import make_camvid, tiny_seg_model

MAPPING = osp.join(REPO, 'configs/cityscapes/camvid_to_cityscapes.csv')


def test_mapping_file_covers_camvid_32_classes():
    mapping = CamVidMapping(MAPPING)
    assert len(mapping.rows) == 32 and len({rgb for _, rgb, _ in mapping.rows}) == 32
    names = [mapping.classes[i] for i in mapping.evaluated]
    assert 'road' in names and 'car' in names and 'terrain' not in names and 'bus' not in names


def test_hand_made_label_image_maps_to_train_ids(tmp_path):
    rgb = [[(128, 64, 128), (64, 0, 128), (64, 128, 192)],     # Road, Car, SUVPickupTruck
           [(0, 0, 0), (192, 128, 192), (0, 128, 192)],         # Void, Truck_Bus, Bicyclist
           [(0, 0, 192), (128, 128, 0), (192, 128, 128)]]       # Sidewalk, Tree, SignSymbol
    path = tmp_path / 'x_L.png'
    Image.fromarray(np.array(rgb, np.uint8)).save(path)         # true RGB, as CamVid stores it
    ids = CamVidMapping(MAPPING).read(str(path))
    assert ids.tolist() == [[0, 13, 13], [255, 255, 12], [1, 8, 7]]


def test_unknown_colour_and_bad_mapping_are_named(tmp_path):
    path = tmp_path / 'odd_L.png'
    Image.fromarray(np.full((2, 2, 3), 7, np.uint8)).save(path)
    with pytest.raises(DataError, match=r'odd_L.png: colour RGB \(7, 7, 7\) is not in'):
        CamVidMapping(MAPPING).read(str(path))
    bad = tmp_path / 'map.csv'
    bad.write_text('camvid_class,r,g,b,cityscapes_class\nRoad,128,64,128,street\n')
    with pytest.raises(DataError, match="map.csv: Road maps to unknown Cityscapes class 'street'"):
        CamVidMapping(str(bad))


def test_confusion_iou():
    scores = ConfusionIoU(3)
    scores.add(np.array([[0, 0, 1, 255]]), np.array([[0, 1, 1, 2]]))
    iou = scores.iou()
    assert iou[0] == pytest.approx(0.5) and iou[1] == pytest.approx(0.5) and np.isnan(iou[2])


def test_eval_tool_reports_iou_of_a_road_only_model(tmp_path):
    root = make_camvid(tmp_path / 'camvid', count=3)
    road = tiny_seg_model(tmp_path / 'models', 'road-fcn', force_class=0)
    out = tmp_path / 'report'
    result = run_script('tools/eval_camvid.py', str(root), '--model', *road, '--device', 'cpu',
                      '--out-dir', str(out))
    assert result.returncode == 0, result.stderr
    mapping = CamVidMapping(MAPPING)
    truth = [mapping.read(str(p)) for p in sorted((root / 'test_labels').iterdir())]
    valid = sum(int((t != 255).sum()) for t in truth)
    road_iou = 100 * sum(int((t == 0).sum()) for t in truth) / valid  # everything predicted road
    with open(out / 'camvid_miou.csv') as f:
        row, = csv.DictReader(f)
    assert row['model'] == 'road-fcn'
    assert float(row['road']) == pytest.approx(road_iou, abs=0.01)
    assert float(row['sky']) == float(row['building']) == float(row['car']) == 0
    assert row['person'] == 'n/a'                        # neither in truth nor predicted
    assert float(row['mIoU']) == pytest.approx(road_iou / 4, abs=0.01)  # road, sky, building, car
    assert '| road-fcn |' in (out / 'camvid_miou.md').read_text()
