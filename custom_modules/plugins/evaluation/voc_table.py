"""VOC mAP plus the per-class table (gts, dets, recall, AP) as metric values.

mmdet's ``VOCMetric`` computes every class's AP through ``eval_map`` but only
prints that table to the log and returns the mean; a report that needs the
per-class numbers would have to dump the predictions and run ``eval_map`` a
second time. :class:`VOCMetricWithTable` returns them with the mean.
"""
from collections import OrderedDict
from typing import Optional

import numpy as np
from mmdet.evaluation import VOCMetric
from mmdet.evaluation.functional import eval_map
from mmdet.registry import METRICS
from mmengine.logging import MMLogger

VOC_TYPES = ('VOC2007', 'VOC2012')  # datasets whose table eval_map labels with VOC's names


@METRICS.register_module()
class VOCMetricWithTable(VOCMetric):
    """mmdet's ``VOCMetric`` (``metric='mAP'``) that also returns each class's row.

    Besides ``mAP`` and ``AP50`` (as stock), for every class ``c`` of the dataset:
    ``AP_c`` and ``recall_c`` (0..1, at the last detection; averaged over
    ``iou_thrs`` like ``mAP``), ``gts_c`` (non-difficult ground truths) and
    ``dets_c`` (detections), all under the metric's prefix, e.g.
    ``pascal_voc/AP_circle``. A class without ground truth has AP 0 and, as in
    VOC, does not count in ``mAP``. ``metric='recall'`` behaves as stock.

    Args:
        iou_thrs (float | list[float]): IoU threshold(s). Defaults to 0.5.
        eval_mode (str): ``'11points'`` (VOC2007) or ``'area'`` (VOC2010+).
        prefix (str, optional): Key prefix. Defaults to ``'pascal_voc'``.
        **kwargs: The other arguments of ``VOCMetric`` (``scale_ranges`` must
            stay None: per-scale rows are not supported).

    Example::

        test_evaluator = [
            dict(type='VOCMetricWithTable', eval_mode='11points', prefix='pascal_voc'),
            dict(type='VOCMetricWithTable', eval_mode='area', prefix='pascal_voc_area'),
        ]
    """

    def __init__(self, iou_thrs=0.5, eval_mode: str = '11points',
                 prefix: Optional[str] = None, **kwargs) -> None:
        super().__init__(iou_thrs=iou_thrs, eval_mode=eval_mode, prefix=prefix, **kwargs)
        if self.scale_ranges is not None:
            raise ValueError('VOCMetricWithTable: scale_ranges must be None')

    def compute_metrics(self, results: list) -> dict:
        if self.metric != 'mAP':
            return super().compute_metrics(results)
        logger = MMLogger.get_current_instance()
        gts, preds = zip(*results)
        classes = list(self.dataset_meta['classes'])
        names = 'voc' if self.dataset_meta.get('dataset_type') in VOC_TYPES else classes
        means, tables = [], []
        for iou_thr in self.iou_thrs:
            logger.info(f'\n{"-" * 15}iou_thr: {iou_thr}{"-" * 15}')
            mean_ap, table = eval_map(preds, gts, iou_thr=iou_thr, dataset=names,
                                      logger=logger, eval_mode=self.eval_mode,
                                      use_legacy_coordinate=True)
            means.append(mean_ap)
            tables.append(table)
        metrics = OrderedDict(mAP=sum(means) / len(means))
        for iou_thr, mean_ap in zip(self.iou_thrs, means):
            metrics[f'AP{int(iou_thr * 100):02d}'] = round(mean_ap, 3)
        for c, name in enumerate(classes):
            rows = [table[c] for table in tables]
            metrics[f'AP_{name}'] = float(np.mean([row['ap'] for row in rows]))
            metrics[f'recall_{name}'] = float(np.mean([_last(row['recall']) for row in rows]))
            metrics[f'gts_{name}'] = int(rows[0]['num_gts'])
            metrics[f'dets_{name}'] = int(rows[0]['num_dets'])
        return metrics


def _last(recall) -> float:
    """Recall after the last detection (0 when there is none)."""
    return float(recall[-1]) if np.size(recall) else 0.0
