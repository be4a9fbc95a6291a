"""This repo's configs are pure OpenMMLab configs: the ``tools/train.py`` and
``tools/test.py`` that mmpretrain, mmdet and mmseg ship (``<package>/.mim/tools``) train
and test them, one config of each package on generated data (in this process)."""
import importlib.util
import os.path as osp

import pytest

from tests.helpers.configs import REPO, run_script
from tests.helpers.smoke import shrunk_config

# package (= the config's default_scope) -> a config of this repo and a metric its test prints
CASES = {
    'mmpretrain': ('configs/demo/resnet18-w16-cifar_1xb32_digits.py', 'accuracy/top1'),
    'mmdet': ('configs/voc/faster-rcnn_r50-init-random_fpn_1xb2-cos-12e_voc0712.py',
              'pascal_voc/mAP'),
    'mmseg': ('configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py', 'mIoU'),
}


def stock_tools(package):
    """The folder of the tools ``package`` ships (what ``mim train``/``mim test`` run)."""
    return osp.join(osp.dirname(importlib.util.find_spec(package).origin), '.mim', 'tools')


@pytest.mark.parametrize('package', CASES)
def test_stock_train_and_test_run_the_config(package, tmp_path):
    config, metric = CASES[package]
    cfg = shrunk_config(osp.join(REPO, config), tmp_path)
    assert cfg.default_scope == package
    if 'max_epochs' in cfg.train_cfg:  # one iteration, then validation
        cfg.train_cfg.update(max_epochs=1, val_begin=1)
    else:
        cfg.train_cfg.update(max_iters=1, val_interval=1)
    # the weights test.py evaluates (not the optimizer's state: half the bytes to write)
    cfg.default_hooks.checkpoint.update(save_last=True, save_optimizer=False)
    cfg.visualizer.pop('name', None)  # a visualizer of its own in this process
    cfg.experiment_name = f'{package}_train'
    path = str(tmp_path / osp.basename(config))
    cfg.dump(path)
    work = tmp_path / 'work'
    train = run_script(f'{stock_tools(package)}/train.py', path, '--work-dir', work)
    assert train.returncode == 0, train.stdout[-2000:] + train.stderr[-3000:]
    checkpoint = (work / 'last_checkpoint').read_text().strip()
    test = run_script(f'{stock_tools(package)}/test.py', path, checkpoint, '--work-dir', work,
                      '--cfg-options', f'experiment_name={package}_test')
    assert test.returncode == 0, test.stdout[-2000:] + test.stderr[-3000:]
    assert metric in test.stdout.split('Epoch(test)')[-1]
