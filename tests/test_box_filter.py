"""drop_small_boxes keeps boxes wider and higher than the limit, with their labels and flags."""
import numpy as np
from mmdet.structures.bbox import HorizontalBoxes

from custom_modules.plugins.transforms.box_filter import drop_small_boxes


def test_boxes_at_or_below_the_limit_go_with_their_labels_and_flags():
    results = dict(
        gt_bboxes=HorizontalBoxes(np.array([[0, 0, 5, 5], [2, 2, 3, 9], [1, 1, 9, 2.5],
                                            [4, 4, 4, 8]], dtype=np.float32)),
        gt_bboxes_labels=np.array([3, 1, 4, 1]), gt_ignore_flags=np.array([0, 1, 0, 1], bool))
    drop_small_boxes(results, 1)  # widths 5, 1, 8, 0; heights 5, 7, 1.5, 4
    assert results['gt_bboxes'].tensor.tolist() == [[0, 0, 5, 5], [1, 1, 9, 2.5]]
    assert results['gt_bboxes_labels'].tolist() == [3, 4]
    assert results['gt_ignore_flags'].tolist() == [False, False]


def test_zero_limit_keeps_any_box_with_area_and_no_boxes_is_fine():
    results = dict(gt_bboxes=HorizontalBoxes(np.array([[0, 0, 0.5, 3], [2, 2, 2, 3]],
                                                      dtype=np.float32)),
                   gt_bboxes_labels=np.array([7, 8]))
    assert drop_small_boxes(results, 0)['gt_bboxes_labels'].tolist() == [7]
    assert drop_small_boxes({'img': None}, 0) == {'img': None}
