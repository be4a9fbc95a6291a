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
- mmengine's ``BaseDataset`` runs a full ``gc.collect()`` after serialising each dataset's
  annotations (to return their memory at once); in a test process holding torch, mmdet,
  mmseg and mmpretrain that is 0.6 s per dataset, a quarter of a detection smoke test.
  Tests skip it (Python's automatic collection still runs).
"""
import functools
import os
import types

XDIST_WORKER = bool(os.environ.get('PYTEST_XDIST_WORKER'))
if XDIST_WORKER:
    os.environ['OMP_NUM_THREADS'] = '1'
    os.environ['MKL_NUM_THREADS'] = '1'

import mmengine.config.config as mmengine_config  # noqa: E402
import mmengine.config.utils as mmengine_config_utils  # noqa: E402
import mmengine.dataset.base_dataset as mmengine_base_dataset  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from mmengine.registry import DefaultScope  # noqa: E402

if XDIST_WORKER:
    torch.set_num_threads(1)

mmengine_config.FormatCode = lambda text, style_config=None: (text, False)
mmengine_config.is_installed = functools.lru_cache(maxsize=None)(mmengine_config.is_installed)
mmengine_config_utils.load = functools.lru_cache(maxsize=None)(mmengine_config_utils.load)
mmengine_base_dataset.gc = types.SimpleNamespace(collect=lambda generation=2: 0)


@pytest.fixture(autouse=True)
def fresh_default_scope():
    DefaultScope._instance_dict.clear()
    yield
    DefaultScope._instance_dict.clear()


# Files whose tests start processes or train real configs: queued first, so that on few
# workers the suite does not end waiting for one of them (pytest-xdist hands each worker
# a contiguous share of the queue and the idle ones steal from its end).
SLOW_FILES = ('test_pbt_search.py', 'test_distributed.py', 'test_run_matrix.py',
              'test_resume.py', 'test_configs.py')


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.path.name not in SLOW_FILES)
