"""Validate a two-stage detector with other test settings than the final test.

mmdet's validation and test loops share the model's ``test_cfg``. Some
experiments compute the periodic validation mAP with other proposal numbers or
detection limits than the final test (the bubbliiing Faster R-CNN of reports
000/001 evaluates during training with the training proposal numbers and the
100 best detections per image, but tests with the test numbers and no cap).
This hook merges the given settings (or those of an entry of the model's
``train_cfg``, such as ``rpn_proposal``) into the RPN's and the RoI head's
``test_cfg`` for each validation and puts the originals back afterwards, so
``tools/test.py`` and the test after training use the config's ``test_cfg``.
"""
import copy
from typing import Optional, Union

from mmdet.registry import HOOKS
from mmengine.config import ConfigDict
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

# detector attribute holding the head -> key of that head's settings in model.test_cfg
_HEADS = {'rpn_head': 'rpn', 'roi_head': 'rcnn'}


@HOOKS.register_module()
class ValTestCfgHook(Hook):
    """Use other ``test_cfg`` values while validating (not while testing).

    Args:
        rpn (dict | str, optional): Keys merged into ``model.test_cfg.rpn`` (the RPN's
            ``nms_pre``, ``max_per_img``, ``nms``, ``min_bbox_size``) during validation, or
            the name of a ``model.train_cfg`` entry whose values to use, e.g.
            ``'rpn_proposal'``: validate with the training proposal settings.
        rcnn (dict, optional): Keys merged into ``model.test_cfg.rcnn`` (the RoI head's
            ``score_thr``, ``nms``, ``max_per_img``) during validation.

    Example::

        custom_hooks = [dict(type='ValTestCfgHook', rpn='rpn_proposal',
                             rcnn=dict(score_thr=0.05, max_per_img=100))]
    """

    priority = 'HIGH'  # before hooks that predict during validation (ProposalVisHook)

    def __init__(self, rpn: Union[dict, str, None] = None, rcnn: Optional[dict] = None):
        self.updates = {'rpn': rpn if isinstance(rpn, str) else dict(rpn or {}),
                        'rcnn': dict(rcnn or {})}
        self._saved = {}

    @staticmethod
    def _detector(runner):
        return runner.model.module if is_model_wrapper(runner.model) else runner.model

    def before_val_epoch(self, runner) -> None:
        detector = self._detector(runner)
        for attribute, key in _HEADS.items():
            head = getattr(detector, attribute, None)
            updates = self.updates[key]
            if head is None or not updates:
                continue
            if isinstance(updates, str):  # an entry of the training settings
                updates = detector.train_cfg[updates]
            self._saved[attribute] = head.test_cfg
            merged = {**copy.deepcopy(head.test_cfg or {}), **copy.deepcopy(updates)}
            head.test_cfg = ConfigDict(merged)

    def after_val_epoch(self, runner, metrics=None) -> None:
        detector = self._detector(runner)
        for attribute, test_cfg in self._saved.items():
            getattr(detector, attribute).test_cfg = test_cfg
        self._saved = {}
