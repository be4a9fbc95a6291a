"""Detectors on the same images: one grid PNG (a panel per model) per image.

Each panel shows one model's final boxes with ``class score`` labels, after the
figure's score threshold and, when given, its class-wise NMS IoU and box cap
(see ``postprocess``). Without image files the photographs that installed
packages ship are used (``sample_photos``)."""
import json
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_open, atomic_path

from .postprocess import postprocess_options, postprocess_settings
from .proposals import check_files
from .sample_photos import sample_photos

TITLE_HEIGHT = 20
PALETTE = [(60, 220, 60), (255, 140, 0), (220, 60, 220), (0, 200, 255), (255, 255, 0)]


def grid(panels: Sequence[np.ndarray], cols: int = 0) -> np.ndarray:
    """Panels of one size on a white canvas, ``cols`` per row (0: all in one row)."""
    cols = cols or len(panels)
    rows = -(-len(panels) // cols)
    h, w = panels[0].shape[:2]
    canvas = np.full((rows * h, cols * w, 3), 255, np.uint8)
    for k, panel in enumerate(panels):
        r, c = divmod(k, cols)
        canvas[r * h:(r + 1) * h, c * w:(c + 1) * w] = panel
    return canvas


def _titled_panel(image, dets, name, colour):
    import cv2

    from custom_modules.plugins.visualization import draw_boxes
    labels = [f'{n} {s:.2f}' for n, s in zip(dets['labels'], dets['scores'])]
    panel = draw_boxes(image, dets['boxes'], colour, labels, 2)
    title = np.zeros((TITLE_HEIGHT, panel.shape[1], 3), np.uint8)
    cv2.putText(title, f'{name}: {len(labels)} boxes', (3, 14),
                cv2.FONT_HERSHEY_SIMPLEX, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
    return np.concatenate([title, panel], axis=0)


def compare_detectors(models: Sequence[Tuple[str, str]], images: Optional[Sequence[str]],
                      out_dir: str, names: Optional[Sequence[str]] = None, score_thr: float = 0.3,
                      cols: int = 0, device: str = 'cpu', allow_partial: bool = False,
                      nms_iou: Optional[float] = None,
                      max_boxes: Optional[int] = None) -> List[str]:
    """Write ``out_dir/<image stem>.png`` and ``.json`` per image; returns the PNG paths.

    ``images``: image files (None or empty: the shipped sample photographs). Boxes
    scoring at least ``score_thr`` are drawn; ``nms_iou`` / ``max_boxes`` replace the
    models' class-wise NMS IoU / boxes per image (None: each config's). Each
    checkpoint must fit its model exactly unless ``allow_partial``."""
    if not models:
        raise UserInputError('give at least one --model CONFIG CHECKPOINT pair')
    if names and len(names) != len(models):
        raise UserInputError(f'--names has {len(names)} names for {len(models)} models')
    images = list(images or sample_photos())
    check_files([p for pair in models for p in pair] + images)
    options = [postprocess_options(config, score_thr, nms_iou, max_boxes) for config, _ in models]
    import cv2
    from mmengine.utils import ProgressBar

    from custom_modules.plugins.visualization import detections_of

    from .inference import load_detector, predict_images
    names = names or [osp.splitext(osp.basename(c))[0] for c, _ in models]
    results = {path: [] for path in images}  # image -> per model detections
    pictures = {}
    settings = []  # per model: the post-processing it ran with
    bar = ProgressBar(len(models) * len(images))
    for (config, checkpoint), cfg_options in zip(models, options):
        model = load_detector(config, checkpoint, device, allow_partial, cfg_options)
        settings.append(dict(postprocess_settings(model), score_thr=score_thr))
        classes = model.dataset_meta.get('classes', ())
        for path, image, sample, _ in predict_images(model, images):
            pictures[path] = image
            results[path].append(detections_of(sample.pred_instances, classes, score_thr))
            bar.update()
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for path, per_model in results.items():
        panels = [_titled_panel(pictures[path], dets, name, PALETTE[k % len(PALETTE)])
                  for k, (name, dets) in enumerate(zip(names, per_model))]
        stem = osp.splitext(osp.basename(path))[0]
        out = osp.join(out_dir, f'{stem}.png')
        with atomic_path(out) as tmp_png:
            if not cv2.imwrite(tmp_png, grid(panels, cols)):
                raise OSError(f'could not write {out}')
        with atomic_open(osp.join(out_dir, f'{stem}.json')) as f:
            json.dump(dict(image=path, models=[
                dict(name=n, config=c, checkpoint=k, postprocess=s, **d)
                for n, (c, k), s, d in zip(names, models, settings, per_model)]), f, indent=1)
        written.append(out)
    print(f'\nwritten: {len(written)} grid PNGs (+ JSON) in {out_dir}')
    return written
