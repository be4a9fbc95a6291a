"""The application layer: what ``tools/*.py`` call.

Running experiments (:mod:`.launch`, :mod:`.runs`, :mod:`.experiments`,
:mod:`.matrix`, :mod:`.grid`), reports (:mod:`.reporting`, :mod:`.matrix_report`),
population-based training (:mod:`.pbt`), video segmentation (:mod:`.video`),
detection tools (:mod:`.detection`), the demos (:mod:`.demo`) and data
preparation (:mod:`.data`). Submodules are imported on use, so a tool
loads only what it needs.
"""
