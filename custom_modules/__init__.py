"""What this repo adds to OpenMMLab, in two layers.

* :mod:`custom_modules.plugins`: the plugin layer, the modules configs use by
  type name, one folder per kind (datasets, transforms, models for mmpretrain,
  mmdet_models, hooks, evaluation metrics, visualization), and the engine fixes
  (safe checkpoint loading, atomic writes). Importing this package imports it,
  so ``custom_imports = dict(imports=['custom_modules'])`` in a config registers
  everything.
* :mod:`custom_modules.apps`: the application layer, what the ``tools/`` CLIs
  call, one sub-package per job (``run``: running experiments; ``reports``: every
  table and figure; ``pbt``, ``video``, ``detection``, ``analysis``, ``demo``,
  ``data``, ``benchmarks``) and two shared leaf modules (``results``: a run's results
  on disk; ``user_errors``). It uses the plugin layer; the plugin layer never
  imports it.
"""
from . import plugins  # noqa: F401
from .plugins.engine.quiet_console import quiet_console

quiet_console()  # no pkg_resources warnings or hook tables on the console
