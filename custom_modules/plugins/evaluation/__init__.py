"""Evaluation helpers registered as metrics: classifier prediction CSVs (mmpretrain) and
VOC mAP with the per-class table (mmdet)."""
from .prediction_csv import PredictionCSV
from .voc_table import VOCMetricWithTable

__all__ = ['PredictionCSV', 'VOCMetricWithTable']
