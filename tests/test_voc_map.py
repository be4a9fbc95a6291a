"""VOC mAP on a case small enough to compute by hand, in 11-point and area modes.

One class ('car'), two images:
  image 1: GT A = (0, 0, 10, 10), GT B = (20, 20, 30, 30) marked difficult
  image 2: GT C = (0, 0, 10, 10), GT D = (50, 50, 60, 60)
-> 3 non-difficult GTs (A, C, D). Detections, by descending score:
  0.9 image 1 on A          -> TP
  0.8 image 2 on empty area -> FP
  0.7 image 1 on B          -> ignored (matches a difficult GT: neither TP nor FP)
  0.6 image 2 on C          -> TP
  0.5 image 1 on A again    -> FP (A already taken)
  (D is never found)
Counted detections: TP, FP, TP, FP
  recall    = 1/3, 1/3, 2/3, 2/3
  precision = 1,   1/2, 2/3, 1/2
11-point AP: max precision at recall >= t for t = 0, 0.1, ..., 1:
  t = 0..0.3 -> 1 (4 points), t = 0.4..0.6 -> 2/3 (3 points), t = 0.7..1 -> 0 (4 points)
  AP = (4 * 1 + 3 * 2/3) / 11 = 6/11 = 0.5454...
Area AP (precision made monotone from the right, summed over recall steps):
  (1/3 - 0) * 1 + (2/3 - 1/3) * 2/3 + (1 - 2/3) * 0 = 1/3 + 2/9 = 5/9 = 0.5555...
"""
import numpy as np
import pytest
import torch

AP_11POINTS, AP_AREA = 6 / 11, 5 / 9
GT = [dict(bboxes=[[0, 0, 10, 10]], ignore=[[20, 20, 30, 30]]),
      dict(bboxes=[[0, 0, 10, 10], [50, 50, 60, 60]], ignore=[])]
DETS = [  # (image, box, score)
    (0, [0, 0, 10, 10], 0.9), (1, [100, 100, 110, 110], 0.8), (0, [20, 20, 30, 30], 0.7),
    (1, [0, 0, 10, 10], 0.6), (0, [0, 0, 10, 10], 0.5),
]


def _boxes(rows):
    return np.asarray(rows, np.float32).reshape(-1, 4)


def _per_image_dets(image):
    return np.array([box + [score] for i, box, score in DETS if i == image],
                    np.float32).reshape(-1, 5)


@pytest.mark.parametrize('mode, expected', [('11points', AP_11POINTS), ('area', AP_AREA)])
def test_eval_map_matches_hand_computation(mode, expected):
    from mmdet.evaluation.functional import eval_map
    annotations = [dict(bboxes=_boxes(g['bboxes']), labels=np.zeros(len(g['bboxes']), np.int64),
                        bboxes_ignore=_boxes(g['ignore']),
                        labels_ignore=np.zeros(len(g['ignore']), np.int64)) for g in GT]
    det_results = [[_per_image_dets(i)] for i in range(2)]
    mean_ap, per_class = eval_map(det_results, annotations, iou_thr=0.5, eval_mode=mode,
                                  use_legacy_coordinate=True, logger='silent')
    assert per_class[0]['num_gts'] == 3 and per_class[0]['num_dets'] == 5
    assert per_class[0]['recall'][-1] == pytest.approx(2 / 3)
    assert per_class[0]['ap'] == pytest.approx(expected, abs=1e-6)
    assert mean_ap == pytest.approx(expected, abs=1e-6)


def test_voc_metric_both_modes_and_table(capsys):
    """The configs' evaluator pair: `pascal_voc/mAP` (11 points) and `pascal_voc_area/mAP`."""
    from mmdet.evaluation import VOCMetric
    from mmdet.structures import DetDataSample
    from mmengine.structures import InstanceData
    classes = ('car', 'dog')  # the dog class has no GT and no detections: left out of the mean
    results = {}
    for mode, prefix in (('11points', 'pascal_voc'), ('area', 'pascal_voc_area')):
        metric = VOCMetric(metric='mAP', eval_mode=mode, prefix=prefix)
        metric.dataset_meta = dict(classes=classes, dataset_type='VOC2007')
        samples = []
        for i, g in enumerate(GT):
            sample = DetDataSample()
            sample.gt_instances = InstanceData(
                bboxes=torch.tensor(_boxes(g['bboxes'])),
                labels=torch.zeros(len(g['bboxes']), dtype=torch.long))
            sample.ignored_instances = InstanceData(
                bboxes=torch.tensor(_boxes(g['ignore'])),
                labels=torch.zeros(len(g['ignore']), dtype=torch.long))
            dets = _per_image_dets(i)
            sample.pred_instances = InstanceData(bboxes=torch.tensor(dets[:, :4]),
                                                 scores=torch.tensor(dets[:, 4]),
                                                 labels=torch.zeros(len(dets), dtype=torch.long))
            samples.append(sample.to_dict())
        metric.process({}, samples)
        results.update(metric.evaluate(size=2))
    assert results['pascal_voc/mAP'] == pytest.approx(AP_11POINTS, abs=1e-3)
    assert results['pascal_voc_area/mAP'] == pytest.approx(AP_AREA, abs=1e-3)


@pytest.mark.parametrize('mode, expected', [('11points', AP_11POINTS), ('area', AP_AREA)])
def test_voc_metric_with_table_returns_eval_maps_per_class_rows(mode, expected):
    """VOCMetricWithTable: stock VOCMetric's keys and values, plus eval_map's row of each class."""
    from mmdet.evaluation import VOCMetric
    from mmdet.evaluation.functional import eval_map

    from custom_modules.plugins.evaluation import VOCMetricWithTable
    from tests.helpers.voc_samples import det_sample, evaluate
    classes = ('car', 'dog')
    samples = []
    for i, g in enumerate(GT):
        dets = _per_image_dets(i)
        samples.append(det_sample(g['bboxes'], [0] * len(g['bboxes']), g['ignore'],
                                  [0] * len(g['ignore']), dets[:, :4], dets[:, 4],
                                  [0] * len(dets)))
    results = evaluate(VOCMetricWithTable(eval_mode=mode, prefix='voc'), classes, samples)
    stock = evaluate(VOCMetric(eval_mode=mode, prefix='voc'), classes, samples)
    assert {k: results[k] for k in stock} == stock
    assert results['voc/mAP'] == pytest.approx(expected, abs=1e-6)
    assert results['voc/AP_car'] == pytest.approx(expected, abs=1e-6)
    assert (results['voc/gts_car'], results['voc/dets_car']) == (3, 5)
    assert results['voc/recall_car'] == pytest.approx(2 / 3)
    assert (results['voc/gts_dog'], results['voc/dets_dog'], results['voc/AP_dog']) == (0, 0, 0)

    annotations = [dict(bboxes=_boxes(g['bboxes']), labels=np.zeros(len(g['bboxes']), np.int64),
                        bboxes_ignore=_boxes(g['ignore']),
                        labels_ignore=np.zeros(len(g['ignore']), np.int64)) for g in GT]
    det_results = [[_per_image_dets(i), np.zeros((0, 5), np.float32)] for i in range(2)]
    _, rows = eval_map(det_results, annotations, iou_thr=0.5, eval_mode=mode,
                       use_legacy_coordinate=True, logger='silent')
    for name, row in zip(classes, rows):
        assert results[f'voc/AP_{name}'] == pytest.approx(float(row['ap']))
        assert results[f'voc/gts_{name}'] == row['num_gts']
        assert results[f'voc/dets_{name}'] == row['num_dets']
        recall = float(row['recall'][-1]) if np.size(row['recall']) else 0.0
        assert results[f'voc/recall_{name}'] == pytest.approx(recall)
