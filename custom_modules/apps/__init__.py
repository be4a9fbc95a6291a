"""The application layer: what ``tools/*.py`` call, one sub-package per job.

* :mod:`.run`: running experiments (flags, config loading and edits, Runner set-up,
  train/test, the matrix, grid search, prediction);
* :mod:`.reports`: every table and figure writer (report layouts, the matrix and
  detection reports, grid ranking, PBT curves, the augmentation figure);
* :mod:`.pbt`: population-based training; :mod:`.video`: video segmentation;
  :mod:`.detection`: detector inference, comparison, proposals and the C4 converter;
  :mod:`.analysis`: OpenMMLab's analysis scripts and dataset checks;
  :mod:`.demo`: the demos; :mod:`.data`: data preparation and on-disk dataset writers;
  :mod:`.benchmarks`: speed measurements.

Two shared leaf modules: :mod:`.results` reads and writes a run's results (test
metrics, scalar logs, checkpoints, experiment metadata) and imports nothing from this
layer; :mod:`.user_errors` turns bad input into one ``error:`` line. Sub-packages are
imported on use, so a tool loads only what it needs.
"""
