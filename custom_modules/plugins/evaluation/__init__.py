"""Evaluation helpers registered as mmpretrain metrics."""
from .prediction_csv import PredictionCSV

__all__ = ['PredictionCSV']
