"""eval_map runs on a thread pool once custom_modules is imported: no fork, same mAP."""
import os

import numpy as np
import pytest
from mmdet.evaluation.functional import eval_map, mean_ap

import custom_modules  # noqa: F401


def _no_fork(monkeypatch):
    def refuse():
        raise AssertionError('eval_map forked a process')
    monkeypatch.setattr(os, 'fork', refuse)


def test_eval_map_neither_forks_nor_changes_the_result(monkeypatch):
    """Two images, two classes (invented boxes): class 0 finds its one box (AP 1), class 1
    ranks a false positive above its true one: its recall reaches 1 only at precision 1/2,
    so all 11 points read 0.5."""
    _no_fork(monkeypatch)
    gts = [dict(bboxes=np.array([[0, 0, 10, 10], [20, 20, 30, 30]], dtype=np.float32),
                labels=np.array([0, 1])),
           dict(bboxes=np.zeros((0, 4), np.float32), labels=np.array([], dtype=int))]
    dets = [[np.array([[0, 0, 10, 10, 0.9]], np.float32),
             np.array([[20, 20, 30, 30, 0.4]], np.float32)],
            [np.zeros((0, 5), np.float32),
             np.array([[50, 50, 60, 60, 0.8]], np.float32)]]
    mean, results = eval_map(dets, gts, iou_thr=0.5, eval_mode='11points', nproc=2,
                             logger='silent')
    assert results[0]['ap'] == pytest.approx(1.0)
    assert results[1]['ap'] == pytest.approx(0.5)
    assert mean == pytest.approx(0.75)
    assert mean_ap.Pool.__name__ == 'ThreadPool'
