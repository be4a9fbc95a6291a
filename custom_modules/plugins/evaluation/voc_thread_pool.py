"""mmdet's VOC mAP computed on a thread pool instead of forked processes.

mmdet 3.3's ``eval_map`` (behind ``VOCMetric`` and :class:`.VOCMetricWithTable`)
always starts ``multiprocessing.Pool(nproc)``, which forks the Runner's process.
That process holds threads (the TensorBoard writer, data loading, Ray), and a
fork taken while one of them holds a lock copies the lock held into the child:
seen here, a pool worker waited forever on its task queue's lock and the
evaluation never returned. A thread pool runs the same per-image TP/FP function
on the same inputs, so the metric is unchanged, and nothing is forked. Importing
:mod:`custom_modules` installs it (``custom_imports`` in a config does too).
"""
from multiprocessing.pool import ThreadPool

from mmdet.evaluation.functional import mean_ap


def use_thread_pool_for_voc_map() -> None:
    """Make ``mmdet.evaluation.functional.mean_ap.eval_map`` use a thread pool."""
    mean_ap.Pool = ThreadPool


use_thread_pool_for_voc_map()
