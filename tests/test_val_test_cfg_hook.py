"""ValTestCfgHook: other RPN / RoI test settings during validation only, restored afterwards."""
from types import SimpleNamespace

from mmdet.registry import HOOKS
from mmengine.config import ConfigDict
from mmengine.model import MMDistributedDataParallel
from torch import nn

import custom_modules  # noqa: F401


def _detector():
    detector = nn.Module()
    detector.rpn_head, detector.roi_head = nn.Module(), nn.Module()
    detector.rpn_head.test_cfg = ConfigDict(nms_pre=30, max_per_img=3, min_bbox_size=16,
                                            nms=dict(type='nms', iou_threshold=0.7))
    detector.roi_head.test_cfg = ConfigDict(score_thr=0.02, max_per_img=0,
                                            nms=dict(type='nms', iou_threshold=0.5))
    detector.train_cfg = ConfigDict(rpn_proposal=dict(
        nms_pre=90, max_per_img=9, min_bbox_size=16, nms=dict(type='nms', iou_threshold=0.7)))
    return detector


def _hook():
    return HOOKS.build(dict(type='ValTestCfgHook', rpn=dict(nms_pre=120, max_per_img=6),
                            rcnn=dict(score_thr=0.05, max_per_img=10)))


def test_validation_sees_the_merged_settings_and_the_originals_come_back():
    detector = _detector()
    runner = SimpleNamespace(model=detector)
    original_rpn, original_rcnn = detector.rpn_head.test_cfg, detector.roi_head.test_cfg
    hook = _hook()
    hook.before_val_epoch(runner)
    assert dict(detector.rpn_head.test_cfg) == dict(
        nms_pre=120, max_per_img=6, min_bbox_size=16, nms=dict(type='nms', iou_threshold=0.7))
    assert dict(detector.roi_head.test_cfg) == dict(
        score_thr=0.05, max_per_img=10, nms=dict(type='nms', iou_threshold=0.5))
    assert detector.roi_head.test_cfg.score_thr == 0.05  # attribute access as mmdet reads it
    hook.after_val_epoch(runner, metrics={})
    assert detector.rpn_head.test_cfg is original_rpn and original_rpn.nms_pre == 30
    assert detector.roi_head.test_cfg is original_rcnn and original_rcnn.max_per_img == 0


def test_testing_is_left_alone():
    detector = _detector()
    runner = SimpleNamespace(model=detector)
    hook = _hook()
    hook.before_test_epoch(runner)
    assert detector.rpn_head.test_cfg.nms_pre == 30
    assert detector.roi_head.test_cfg.score_thr == 0.02


def test_a_wrapped_model_and_a_single_stage_detector():
    detector = _detector()
    wrapped = MMDistributedDataParallel.__new__(MMDistributedDataParallel)
    nn.Module.__init__(wrapped)
    wrapped.module = detector
    hook = _hook()
    hook.before_val_epoch(SimpleNamespace(model=wrapped))
    assert detector.rpn_head.test_cfg.nms_pre == 120
    hook.after_val_epoch(SimpleNamespace(model=wrapped))
    assert detector.rpn_head.test_cfg.nms_pre == 30
    single_stage = nn.Module()  # no rpn_head / roi_head: nothing to change, no error
    hook.before_val_epoch(SimpleNamespace(model=single_stage))
    hook.after_val_epoch(SimpleNamespace(model=single_stage))


def test_rpn_settings_taken_from_the_training_proposals():
    detector = _detector()
    runner = SimpleNamespace(model=detector)
    hook = HOOKS.build(dict(type='ValTestCfgHook', rpn='rpn_proposal'))
    hook.before_val_epoch(runner)
    assert dict(detector.rpn_head.test_cfg) == dict(detector.train_cfg.rpn_proposal)
    assert detector.rpn_head.test_cfg is not detector.train_cfg.rpn_proposal
    assert detector.roi_head.test_cfg.score_thr == 0.02  # rcnn not given: unchanged
    hook.after_val_epoch(runner)
    assert detector.rpn_head.test_cfg.nms_pre == 30
