"""tools/compare_detectors.py: random tiny detectors (two-stage and one-stage) on non-VOC
images, generated and the real photographs installed packages ship."""
import json
import os.path as osp

import cv2
import numpy as np

from custom_modules.apps.detection.compare import PALETTE, compare_detectors
from custom_modules.apps.detection.postprocess import postprocess_options
from custom_modules.apps.detection.sample_photos import sample_photos
from tests.helpers.configs import REPO, run_cli
from tests.helpers.det_models import (
    save_random_checkpoint,
    tiny_faster_rcnn_config,
    tiny_fcos_config,
)
from tests.helpers.drawn_boxes import changed_pixels, label_text_pixels, outline_share


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


def test_sample_photos_are_real_shipped_photographs():
    photos = sample_photos()
    assert [osp.basename(p) for p in photos] == ['china.jpg', 'flower.jpg', 'grace_hopper.jpg']
    for path in photos:
        image = cv2.imread(path)
        assert image is not None and image.ndim == 3 and min(image.shape[:2]) >= 400
        assert image.std() > 20  # a photograph, not a flat test card


def test_one_model_on_sample_photos_by_default_with_figure_postprocessing(tmp_path, capsys):
    """No --images: the shipped photographs. --nms-iou and --max-boxes replace the model's
    class-wise NMS and cap; each panel has its title bar and the boxes and labels drawn."""
    config = tiny_fcos_config(tmp_path / 'fcos.py', max_dets=50)
    checkpoint = save_random_checkpoint(config, tmp_path / 'fcos.pth', seed=2)
    out = tmp_path / 'out'
    assert run_cli('tools/compare_detectors.py', '--model', config, checkpoint, '--out-dir', out,
                   '--score-thr', '0', '--nms-iou', '0.2', '--max-boxes', '6') == 0
    for photo in sample_photos():
        stem = osp.splitext(osp.basename(photo))[0]
        plain = cv2.imread(photo)
        h, w = plain.shape[:2]
        canvas = cv2.imread(str(out / f'{stem}.png'))
        assert canvas.shape == (h + 20, w, 3)  # title bar + one panel
        assert (canvas[:20] > 128).all(axis=2).sum() > 50  # light title text on black
        (model,) = json.load(open(out / f'{stem}.json'))['models']
        assert model['name'] == 'fcos'
        assert model['postprocess'] == dict(nms_iou=0.2, max_boxes=6, model_score_thr=0.0,
                                            score_thr=0.0)
        boxes, labels = np.array(model['boxes']), model['labels']
        assert 1 <= len(boxes) <= 6
        for i in range(len(boxes)):  # class-wise NMS at 0.2 was applied
            for j in range(i):
                if labels[i] == labels[j]:
                    assert _iou(boxes[i], boxes[j]) <= 0.2 + 1e-6
        panel, colour = canvas[20:], PALETTE[0]
        shares = [outline_share(panel, box, colour) for box in boxes]
        assert sum(s > 0.5 for s in shares) >= len(boxes) - 1, shares  # one may hide
        assert label_text_pixels(panel, plain, colour) > 30 * len(boxes)  # 'class 0.42' labels
        assert changed_pixels(panel, plain).mean() < 0.5  # the photograph stays visible


def test_postprocess_options_reach_each_detectors_final_nms(tmp_path):
    """Two-stage: the RoI head's test_cfg (rcnn); one-stage: the dense head's; the model's
    score threshold is only lowered, never raised (the figure's applies to the boxes)."""
    frcnn = tiny_faster_rcnn_config(tmp_path / 'frcnn.py')
    assert postprocess_options(frcnn, 0.5, 0.3, 300) == {
        'model.test_cfg.rcnn.nms.iou_threshold': 0.3, 'model.test_cfg.rcnn.max_per_img': 300}
    yolo = f'{REPO}/configs/voc/yolov3_d53_4xb5-ms-320-608-rep3-30e_voc0712.py'  # thr 0.05
    assert postprocess_options(yolo, 0.3, 0.4, None) == {'model.test_cfg.nms.iou_threshold': 0.4}
    assert postprocess_options(yolo, 0.01) == {'model.test_cfg.score_thr': 0.01}


def test_needs_a_model(tmp_path, capsys):
    code = run_cli('tools/compare_detectors.py', '--images', 'x.jpg', '--out-dir', str(tmp_path))
    assert code == 2
    assert 'required: --model' in capsys.readouterr().err


def test_rejects_bad_nms_iou(tmp_path, capsys):
    config = tiny_fcos_config(tmp_path / 'fcos.py')
    checkpoint = tmp_path / 'fcos.pth'  # refused before any weights are read
    checkpoint.write_bytes(b'')
    code = run_cli('tools/compare_detectors.py', '--model', config, checkpoint, '--nms-iou', '3',
                   '--out-dir', str(tmp_path))
    assert code == 2
    assert 'error: --nms-iou must be in (0, 1], got 3.0' in capsys.readouterr().err


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
    return w * h / union if union > 0 else 0.0
