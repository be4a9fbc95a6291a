"""Test-session set-up: a fresh default scope per test, one thread per xdist worker, and
two cosmetic mmengine costs skipped.

- Tools and Runners run in-process by some tests set mmengine's global default
  scope (mmdet, mmseg, mmpretrain); a later test building from another
  package's registry would then look its types up in the wrong one. mmengine
  has no public call to drop a scope, so each test clears its instance table.
- Under pytest-xdist (``make test`` runs one worker per core) each worker, and every
  process it starts, uses one torch/OpenMP thread: on two cores, two workers with two
  spinning OpenMP threads each run several times slower than one.
- mmengine formats a config with yapf each time a Runner logs, dumps or records it (six
  times per Runner, a third of a detection smoke test's time); in tests the text stays
  unformatted (the same valid Python). And each ``pkg::`` base re-scans the installed
  distributions (``is_installed`` reloads ``pkg_resources``) and re-parses the package's
  whole model index (hundreds of metafile YAMLs); neither can change during a session, so
  both are cached (a third of ``Config.fromfile``'s time for a detection config).
"""
import functools
import os

XDIST_WORKER = bool(os.environ.get('PYTEST_XDIST_WORKER'))
if XDIST_WORKER:
    os.environ['OMP_NUM_THREADS'] = '1'
    os.environ['MKL_NUM_THREADS'] = '1'

import mmengine.config.config as mmengine_config  # noqa: E402
import mmengine.config.utils as mmengine_config_utils  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from mmengine.registry import DefaultScope  # noqa: E402

if XDIST_WORKER:
    torch.set_num_threads(1)

mmengine_config.FormatCode = lambda text, style_config=None: (text, False)
mmengine_config.is_installed = functools.lru_cache(maxsize=None)(mmengine_config.is_installed)
mmengine_config_utils.load = functools.lru_cache(maxsize=None)(mmengine_config_utils.load)


@pytest.fixture(autouse=True)
def fresh_default_scope():
    DefaultScope._instance_dict.clear()
    yield
    DefaultScope._instance_dict.clear()
