"""Two or more detectors on the same images: one grid PNG (a panel per model) per image."""
import json
import os
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np

from custom_modules.errors import UserInputError
from custom_modules.plugins.engine.atomic_files import atomic_open, atomic_path

from .proposals import check_files

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


def compare_detectors(models: Sequence[Tuple[str, str]], images: Sequence[str], out_dir: str,
                      names: Optional[Sequence[str]] = None, score_thr: float = 0.3,
                      cols: int = 0, device: str = 'cpu', allow_partial: bool = False) -> List[str]:
    """Write ``out_dir/<image stem>.png`` and ``.json`` per image; returns the PNG paths.
    Each checkpoint must fit its model exactly unless ``allow_partial``."""
    if len(models) < 2:
        raise UserInputError('give at least two --model CONFIG CHECKPOINT pairs')
    if names and len(names) != len(models):
        raise UserInputError(f'--names has {len(names)} names for {len(models)} models')
    check_files([p for pair in models for p in pair] + list(images))
    import cv2
    from mmengine.utils import ProgressBar

    from custom_modules.plugins.visualization import detections_of, load_detector, predict_images
    names = names or [osp.splitext(osp.basename(c))[0] for c, _ in models]
    results = {path: [] for path in images}  # image -> per model detections
    pictures = {}
    bar = ProgressBar(len(models) * len(images))
    for config, checkpoint in models:
        model = load_detector(config, checkpoint, device, allow_partial)
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
                dict(name=n, config=c, checkpoint=k, **d)
                for n, (c, k), d in zip(names, models, per_model)]), f, indent=1)
        written.append(out)
    print(f'\nwritten: {len(written)} grid PNGs (+ JSON) in {out_dir}')
    return written
