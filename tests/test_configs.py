"""Every config under configs/ builds, trains a couple of iterations on generated data and
evaluates."""
import glob
import math
import os
import os.path as osp

import pytest
from mmengine.config import Config

from tests.helpers.configs import REPO
from tests.helpers.smoke import DATA_MAKERS, innermost_dataset, smoke_train_and_test

CONFIG_ROOT = osp.join(REPO, 'configs')


def _outside_base(path):
    """Not in configs/_base_/ (bases are not experiments)."""
    return osp.relpath(path, CONFIG_ROOT).split(osp.sep)[0] != '_base_'


CONFIGS = sorted(filter(_outside_base,
                        glob.glob(osp.join(CONFIG_ROOT, '**', '*.py'), recursive=True)))


def test_every_config_is_smoke_tested():
    """Each config file (all of configs/ but configs/_base_/, found by a walk independent of
    CONFIGS) is a case of the smoke test below, and the test can generate its data."""
    on_disk = set()
    for folder, _, files in os.walk(CONFIG_ROOT):
        if _outside_base(folder):
            on_disk |= {osp.join(folder, f) for f in files if f.endswith('.py')}
    assert len(on_disk) > 10
    untested = sorted(osp.relpath(p, CONFIG_ROOT) for p in on_disk - set(CONFIGS))
    assert not untested, f'configs no smoke test trains: {untested}'
    no_data = {osp.relpath(p, CONFIG_ROOT): innermost_dataset(Config.fromfile(p)).type
               for p in CONFIGS}
    no_data = {name: kind for name, kind in no_data.items() if kind not in DATA_MAKERS}
    assert not no_data, f'configs whose dataset type has no test data generator: {no_data}'


@pytest.mark.parametrize('config', CONFIGS, ids=lambda p: osp.relpath(p, CONFIG_ROOT))
def test_config_trains_and_evaluates(config, tmp_path):
    metrics = smoke_train_and_test(config, tmp_path)
    scores = {k: v for k, v in metrics.items()
              if k.startswith(('accuracy/', 'pascal_voc', 'mIoU', 'aAcc'))}
    assert scores, f'no evaluation metric in {metrics}'
    assert all(math.isfinite(v) and 0 <= v <= 100 for v in scores.values()), scores
