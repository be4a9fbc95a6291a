"""tools/compare_detectors.py: two random tiny detectors (two-stage and one-stage) on non-VOC
images."""
import json
import os.path as osp

import cv2
import numpy as np

from custom_modules.apps.detection.compare import compare_detectors
from tests.helpers.configs import run_cli
from tests.helpers.det_models import (
    save_random_checkpoint,
    tiny_faster_rcnn_config,
    tiny_fcos_config,
)


def test_grid_png_per_image_with_each_models_boxes(tmp_path):
    frcnn = tiny_faster_rcnn_config(tmp_path / 'frcnn.py', max_dets=4)
    fcos = tiny_fcos_config(tmp_path / 'fcos.py', max_dets=3)
    models = [(frcnn, save_random_checkpoint(frcnn, tmp_path / 'frcnn.pth')),
              (fcos, save_random_checkpoint(fcos, tmp_path / 'fcos.pth', seed=1))]
    rng = np.random.default_rng(0)
    images = []
    for name, shape in (('cat_photo.png', (70, 100, 3)), ('scan.jpg', (64, 64, 3))):
        images.append(str(tmp_path / name))
        cv2.imwrite(images[-1], rng.integers(0, 255, shape, dtype=np.uint8))
    args = ['--images', *images, '--out-dir', str(tmp_path / 'out'),
            '--score-thr', '0', '--names', 'two-stage', 'one-stage']
    for config, checkpoint in models:
        args += ['--model', config, checkpoint]
    assert run_cli('tools/compare_detectors.py', *args) == 0
    assert len(compare_detectors(models, images, str(tmp_path / 'again'), score_thr=0)) == 2
    for image in images:
        stem = osp.splitext(osp.basename(image))[0]
        h, w = cv2.imread(image).shape[:2]
        canvas = cv2.imread(str(tmp_path / 'out' / f'{stem}.png'))
        assert canvas.shape == (h + 20, 2 * w, 3)  # title bar + one panel per model
        record = json.load(open(tmp_path / 'out' / f'{stem}.json'))
        assert [m['name'] for m in record['models']] == ['two-stage', 'one-stage']
        assert [len(m['boxes']) for m in record['models']] == [4, 3]
        for m in record['models']:
            assert len(m['labels']) == len(m['scores']) == len(m['boxes'])
            assert all(0 <= s <= 1 for s in m['scores'])
        # each panel differs from the plain image (boxes drawn)
        for k in range(2):
            panel = canvas[20:, k * w:(k + 1) * w]
            assert (panel != cv2.imread(image)).any(axis=2).sum() > 4 * 10


def test_needs_two_models(tmp_path, capsys):
    code = run_cli('tools/compare_detectors.py', '--model', 'a.py', 'a.pth', '--images', 'x.jpg',
                   '--out-dir', str(tmp_path))
    assert code == 2
    assert 'at least two --model' in capsys.readouterr().err
