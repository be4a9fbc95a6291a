"""Detection tools behind ``tools/vis_proposals.py``, ``tools/compare_detectors.py`` and
``tools/report_det.py``."""
