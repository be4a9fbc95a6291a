"""Train any config of this repo for a couple of iterations on generated data, then test it
(the shrinker and data makers of :mod:`custom_modules.apps.run.reproduce.smoke`)."""
import os.path as osp

from mmengine.config import Config

from custom_modules.apps.run.reproduce.smoke import DATA_MAKERS, innermost_dataset, shrink_config

__all__ = ['DATA_MAKERS', 'innermost_dataset', 'shrink_config', 'smoke_train_and_test']


def shrunk_config(config_path: str, tmp_path) -> Config:
    """The config at ``config_path`` on tiny data generated under ``tmp_path/data``, shrunk
    by :func:`shrink_config`, work dir ``tmp_path/work``."""
    cfg = Config.fromfile(config_path)
    dataset = innermost_dataset(cfg)
    maker = DATA_MAKERS.get(dataset.type)
    assert maker, f'{osp.basename(config_path)}: no test data generator for {dataset.type}'
    maker(dataset, tmp_path / 'data', cfg)
    return shrink_config(cfg, tmp_path / 'data', tmp_path / 'work')


def smoke_train_and_test(config_path: str, tmp_path) -> dict:
    from mmengine.runner import Runner
    runner = Runner.from_cfg(shrunk_config(config_path, tmp_path))
    runner.train()
    return runner.test()
