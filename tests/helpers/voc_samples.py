"""Hand-made detection results as the data samples a VOC metric processes."""
import numpy as np
import torch


def _boxes(rows):
    return torch.tensor(np.asarray(rows, np.float32).reshape(-1, 4))


def det_sample(gt_boxes, gt_labels, ignored_boxes, ignored_labels, pred_boxes, pred_scores,
               pred_labels) -> dict:
    """One image: ground truth, ignored (difficult) boxes and predictions, as a dict sample."""
    from mmdet.structures import DetDataSample
    from mmengine.structures import InstanceData
    sample = DetDataSample()
    sample.gt_instances = InstanceData(bboxes=_boxes(gt_boxes),
                                       labels=torch.tensor(gt_labels, dtype=torch.long))
    sample.ignored_instances = InstanceData(bboxes=_boxes(ignored_boxes),
                                            labels=torch.tensor(ignored_labels, dtype=torch.long))
    sample.pred_instances = InstanceData(bboxes=_boxes(pred_boxes),
                                         scores=torch.tensor(pred_scores, dtype=torch.float32),
                                         labels=torch.tensor(pred_labels, dtype=torch.long))
    return sample.to_dict()


def evaluate(metric, classes, samples, dataset_type=None) -> dict:
    """``metric``'s results on ``samples`` (all in one batch)."""
    metric.dataset_meta = dict(classes=tuple(classes), dataset_type=dataset_type)
    metric.process({}, samples)
    return metric.evaluate(size=len(samples))
