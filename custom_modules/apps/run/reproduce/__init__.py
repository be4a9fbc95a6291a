"""One command reproduces a whole report (``tools/reproduce.py REPORT``).

:mod:`.steps` the step model (kind, configs, dependencies, data and checkpoints needed,
done markers, state on disk); :mod:`.pipelines` each report's steps; :mod:`.cost` the
schedule, images/s and device-hours of the training steps; :mod:`.lock` one invocation
per work root; :mod:`.execute` the steps run through the existing runners (matrix, grid,
Ray matrix; PBT, figures and videos through functions the CLI hands in);
:mod:`.smoke` configs cut to smoke runs on generated data; :mod:`.driver` plan,
status, run and the report folder (written by :mod:`custom_modules.apps.reports.reproduce`).
"""
from .driver import REPORTS, Options, reproduce
from .execute import Actions

__all__ = ['REPORTS', 'Actions', 'Options', 'reproduce']
