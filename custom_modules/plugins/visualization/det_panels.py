"""Two-stage detector internals drawn for people: RPN proposals next to final detections.

mmdet's visualizer draws only a detector's final boxes. Here the RPN is run
on a batch (``extract_feat`` + ``rpn_head.predict``) to get its top-N
proposals after NMS, and one PNG per image shows proposals (left panel) and
final detections with class names and scores (right panel), each panel at
the image's size times an integer ``panel_scale`` that makes small images
(e.g. 128 px) at least ``MIN_PANEL_SIDE`` px tall, so labels stay readable;
the PNG is ``2 * width * panel_scale`` wide. A JSON file next to it lists
the boxes drawn (original-image pixels) and the scale. Used by ``ProposalVisHook``,
``tools/vis_proposals.py`` and ``tools/compare_detectors.py`` (which load detectors and
predict through :mod:`custom_modules.apps.detection.inference`).
"""
import json
import os.path as osp
from typing import List, Sequence

import cv2
import numpy as np
import torch

from ..engine.atomic_files import atomic_open, atomic_path

PROPOSAL_COLOR = (0, 200, 255)   # BGR, amber
DETECTION_COLOR = (60, 220, 60)  # BGR, green
MIN_PANEL_SIDE = 256  # smaller images are enlarged by an integer factor for drawing


def draw_boxes(image_bgr: np.ndarray, boxes, color, labels: Sequence[str] = (),
               thickness: int = 1) -> np.ndarray:
    """Copy of ``image_bgr`` with ``boxes`` (N, 4 x1y1x2y2) outlined, each with its label."""
    out = image_bgr.copy()
    h, w = out.shape[:2]
    for i, box in enumerate(np.asarray(boxes, dtype=float).reshape(-1, 4)):
        x1, y1, x2, y2 = (int(round(v)) for v in box)
        x1, x2 = max(0, min(x1, w - 1)), max(0, min(x2, w - 1))
        y1, y2 = max(0, min(y1, h - 1)), max(0, min(y2, h - 1))
        cv2.rectangle(out, (x1, y1), (x2, y2), color, thickness)
        if i < len(labels) and labels[i]:
            (tw, th), _ = cv2.getTextSize(labels[i], cv2.FONT_HERSHEY_SIMPLEX, 0.4, 1)
            ty = y1 - 2 if y1 - th - 4 >= 0 else min(h - 1, y1 + th + 2)
            tx = max(0, min(x1, w - tw - 3))  # keep the label inside the image
            cv2.rectangle(out, (tx, ty - th - 2), (min(w - 1, tx + tw + 2), ty + 2), color, -1)
            cv2.putText(out, labels[i], (tx + 1, ty), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1,
                        cv2.LINE_AA)
    return out


def detections_of(pred_instances, class_names: Sequence[str], score_thr: float) -> dict:
    """Boxes, labels and scores (plain lists) of predictions scoring at least ``score_thr``."""
    keep = pred_instances.scores >= score_thr
    boxes = pred_instances.bboxes[keep].detach().cpu().numpy()
    labels = pred_instances.labels[keep].cpu().tolist()
    scores = pred_instances.scores[keep].detach().cpu().tolist()
    names = [class_names[i] if i < len(class_names) else str(i) for i in labels]
    return dict(boxes=boxes.tolist(), labels=names, scores=scores)


def rpn_proposals(model, inputs: torch.Tensor, data_samples: list, num: int) -> List[np.ndarray]:
    """Top-``num`` RPN proposals after NMS per image, in original-image pixels."""
    if not getattr(model, 'with_rpn', False):
        raise TypeError(f'{type(model).__name__} has no RPN (proposals need a two-stage detector)')
    with torch.no_grad():
        feats = model.extract_feat(inputs)
        results = model.rpn_head.predict(feats, data_samples, rescale=True)
    return [r.bboxes[:num].detach().cpu().numpy() for r in results]  # sorted by score


def panel_scale(image_bgr: np.ndarray) -> int:
    """Integer enlargement making the shorter image side at least ``MIN_PANEL_SIDE``."""
    return max(1, -(-MIN_PANEL_SIDE // min(image_bgr.shape[:2])))


def predict_with_proposals(model, inputs: torch.Tensor, data_samples: list, num: int):
    """Final predictions and the top-``num`` proposals the RoI head received (original-image
    pixels) from one backbone pass: ``TwoStageDetector.predict`` with its RPN step kept."""
    feats = model.extract_feat(inputs)
    rpn_results = model.rpn_head.predict(feats, data_samples, rescale=False)
    results = model.roi_head.predict(feats, rpn_results, data_samples, rescale=True)
    samples = model.add_pred_to_datasample(data_samples, results)
    proposals = [(r.bboxes[:num] / r.bboxes.new_tensor(s.scale_factor).repeat(2)).cpu().numpy()
                 for r, s in zip(rpn_results, data_samples)]
    return samples, proposals


def proposal_panels(image_bgr: np.ndarray, proposals, detections: dict) -> np.ndarray:
    """Left: proposals; right: detections labelled ``class score``; ``sH x 2sW`` BGR
    with ``s = panel_scale(image_bgr)``."""
    scale = panel_scale(image_bgr)
    image = cv2.resize(image_bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    boxes = np.asarray(proposals, dtype=float).reshape(-1, 4) * scale
    left = draw_boxes(image, boxes, PROPOSAL_COLOR)
    labels = [f'{n} {s:.2f}' for n, s in zip(detections['labels'], detections['scores'])]
    right = draw_boxes(image, np.asarray(detections['boxes'], dtype=float).reshape(-1, 4) * scale,
                       DETECTION_COLOR, labels, thickness=2)
    for panel, title in ((left, f'{len(proposals)} RPN proposals'),
                         (right, f'{len(labels)} detections')):
        cv2.putText(panel, title, (3, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 255), 1,
                    cv2.LINE_AA)
    return np.concatenate([left, right], axis=1)


def write_proposal_png(out_png: str, image_bgr: np.ndarray, proposals, detections: dict) -> dict:
    """Write the two-panel PNG and ``<same name>.json`` with the boxes drawn; return that record."""
    with atomic_path(out_png) as tmp_png:
        if not cv2.imwrite(tmp_png, proposal_panels(image_bgr, proposals, detections)):
            raise OSError(f'could not write {out_png}')
    record = dict(image_size=list(image_bgr.shape[1::-1]), panel_scale=panel_scale(image_bgr),
                  proposals=np.asarray(proposals, dtype=float).reshape(-1, 4).tolist(),
                  detections=detections)
    with atomic_open(osp.splitext(out_png)[0] + '.json') as f:
        json.dump(record, f, indent=1)
    return record
