"""Every config under configs/ builds, trains a couple of iterations on generated data and
evaluates."""
import glob
import math
import os.path as osp

import pytest

from tests.helpers.configs import REPO
from tests.helpers.smoke import smoke_train_and_test

CONFIGS = sorted(p for p in glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
                 if '_base_' not in p)


def test_configs_are_found():
    assert any('demo' in p for p in CONFIGS)


@pytest.mark.parametrize('config', CONFIGS, ids=lambda p: osp.relpath(p, osp.join(REPO, 'configs')))
def test_config_trains_and_evaluates(config, tmp_path):
    metrics = smoke_train_and_test(config, tmp_path)
    scores = {k: v for k, v in metrics.items()
              if k.startswith(('accuracy/', 'pascal_voc', 'mIoU', 'aAcc'))}
    assert scores, f'no evaluation metric in {metrics}'
    assert all(math.isfinite(v) and 0 <= v <= 100 for v in scores.values()), scores
