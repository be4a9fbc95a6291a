"""Detection tools behind ``tools/vis_proposals.py`` and ``tools/compare_detectors.py``."""
