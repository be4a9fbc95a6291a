"""Drop ground-truth boxes a geometric transform left too small, with their labels and
ignore flags (mmdet's transforms each repeat this for their own rule)."""


def drop_small_boxes(results: dict, min_side: float) -> dict:
    """Keep the boxes of ``results['gt_bboxes']`` (an mmdet box type) wider and higher
    than ``min_side`` pixels, and the matching ``gt_bboxes_labels`` / ``gt_ignore_flags``."""
    boxes = results.get('gt_bboxes')
    if boxes is None:
        return results
    keep = ((boxes.widths > min_side) & (boxes.heights > min_side)).numpy()
    results['gt_bboxes'] = boxes[keep]
    for key in ('gt_bboxes_labels', 'gt_ignore_flags'):
        if results.get(key) is not None:
            results[key] = results[key][keep]
    return results
