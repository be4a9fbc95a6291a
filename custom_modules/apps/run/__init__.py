"""Running experiments: what ``tools/train.py``, ``tools/test.py``, ``tools/run_matrix.py``,
``tools/grid_search.py`` and ``tools/predict.py`` call.

:mod:`.cli` the shared flags; :mod:`.config` config loading, checks and edits;
:mod:`.runner` Runner and device set-up; :mod:`.fast_options` the speed flags;
:mod:`.train_test` one run (:class:`~.train_test.RunSpec`) trained or tested;
:mod:`.experiments` train then test, recording the metrics; :mod:`.matrix` /
:mod:`.matrix_ray` many configs in turn or on Ray (:mod:`.ray_cluster`);
:mod:`.grid` a grid search; :mod:`.predict` a classifier on image files.
"""
