"""Evaluation helpers registered as metrics: classifier prediction CSVs (mmpretrain) and
VOC mAP with the per-class table (mmdet), whose eval_map runs on threads, not forks."""
from . import voc_thread_pool  # noqa: F401  (before any VOC metric runs)
from .prediction_csv import PredictionCSV
from .voc_table import VOCMetricWithTable

__all__ = ['PredictionCSV', 'VOCMetricWithTable']
