"""A detector's final post-processing (class-wise NMS IoU, box cap, score floor) set for a figure.

Figures of the seed reports use their own settings, e.g. detections scoring
>= 0.5 after class-wise NMS at IoU 0.3, or >= 0.3, NMS 0.4 and at most 300
boxes. NMS and the cap belong to the model (``model.test_cfg``: ``rcnn`` of a
two-stage detector, the dense head's own keys otherwise); a score threshold
applied to the final boxes afterwards equals one applied before greedy
class-wise NMS (a box is only suppressed by a higher-scoring one), so the
figure's threshold is applied to the boxes and the model's own threshold is
lowered only when the figure asks for boxes below it.
"""
from typing import Optional

from mmengine.config import Config

from custom_modules.errors import UserInputError


def _final_test_cfg(model_cfg) -> tuple:
    """(dotted key, dict) of the test_cfg part that does the final NMS."""
    test_cfg = model_cfg.get('test_cfg') or {}
    if isinstance(test_cfg.get('rcnn'), dict):
        return 'model.test_cfg.rcnn', test_cfg['rcnn']
    if isinstance(test_cfg.get('nms'), dict):
        return 'model.test_cfg', test_cfg
    return None, None


def postprocess_options(config: str, score_thr: Optional[float] = None,
                        nms_iou: Optional[float] = None,
                        max_boxes: Optional[int] = None) -> dict:
    """``cfg_options`` making the model of ``config`` run class-wise NMS at ``nms_iou`` and keep
    at most ``max_boxes`` per image (None: the config's value), and letting boxes down to
    ``score_thr`` through."""
    key, final = _final_test_cfg(Config.fromfile(config).model)
    if key is None:
        if nms_iou is None and max_boxes is None:
            return {}
        raise UserInputError(f'{config}: model.test_cfg has no final NMS settings '
                             '(rcnn.nms or nms) for --nms-iou/--max-boxes')
    if nms_iou is not None and not 0 < nms_iou <= 1:
        raise UserInputError(f'--nms-iou must be in (0, 1], got {nms_iou}')
    if max_boxes is not None and max_boxes < 1:
        raise UserInputError(f'--max-boxes must be at least 1, got {max_boxes}')
    options = {}
    if nms_iou is not None:
        options[f'{key}.nms.iou_threshold'] = float(nms_iou)
    if max_boxes is not None:
        options[f'{key}.max_per_img'] = int(max_boxes)
    if score_thr is not None and score_thr < final.get('score_thr', 0):
        options[f'{key}.score_thr'] = float(score_thr)
    return options


def postprocess_settings(model) -> dict:
    """The final NMS IoU, box cap and model score threshold a loaded detector runs with."""
    _, final = _final_test_cfg(model.cfg.model)
    final = final or {}
    return dict(nms_iou=(final.get('nms') or {}).get('iou_threshold'),
                max_boxes=final.get('max_per_img'), model_score_thr=final.get('score_thr'))
