"""What this repo adds to OpenMMLab, in two layers.

* :mod:`custom_modules.plugins`: the plugin layer, the modules configs use by
  type name (datasets, models, hooks, metrics, visualization) and the engine
  fixes (safe checkpoint loading, atomic writes). Importing this package
  imports it, so ``custom_imports = dict(imports=['custom_modules'])`` in a
  config registers everything.
* :mod:`custom_modules.apps`: the application layer, what the ``tools/`` CLIs
  call (running experiments, reports, PBT, video, demos, data preparation).
  It uses the plugin layer; the plugin layer never imports it.
"""
from . import plugins  # noqa: F401
from .plugins.engine.quiet_console import quiet_console

quiet_console()  # no pkg_resources warnings or hook tables on the console
