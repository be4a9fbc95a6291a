"""The application layer: what ``tools/*.py`` call.

Running experiments (:mod:`.launch`, :mod:`.experiments`), reports
(:mod:`.reporting`), population-based training (:mod:`.pbt`), video
segmentation (:mod:`.video`), detection tools (:mod:`.detection`), demos and
data preparation (:mod:`.data`). Submodules are imported on use, so a tool
loads only what it needs.
"""
