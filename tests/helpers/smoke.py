"""Train any config of this repo for a couple of iterations on generated data, then test it."""
import os.path as osp

from mmengine.config import Config

from .cifar_data import make_cifar10, make_cifar100

# dataset type -> function(cfg_dataset, root) writing tiny data in its real format
DATA_MAKERS = {
    'CIFARPickleDataset': lambda ds, root: (
        make_cifar10 if ds.get('variant', 'cifar100') == 'cifar10' else make_cifar100)(
            root, per_class_train=5),
}


def _datasets(cfg):
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        dataset = (cfg.get(loader) or {}).get('dataset')
        while dataset is not None:
            yield loader, dataset
            dataset = dataset.get('dataset')  # wrappers (RepeatDataset, ...)


def shrink_config(cfg: Config, data_root: str, work_dir: str) -> Config:
    """Point every dataset at generated data; two epochs of two iterations each."""
    for loader, dataset in _datasets(cfg):
        if dataset.get('dataset') is None:
            dataset['indices'] = 8
        if 'data_root' in dataset:
            dataset['data_root'] = str(data_root)
        if dataset.get('type') == 'CIFARPickleDataset':
            dataset['check_md5'] = False  # generated files
        cfg[loader].update(batch_size=4, num_workers=0, persistent_workers=False)
    if cfg.train_cfg.get('by_epoch', True) and 'max_epochs' in cfg.train_cfg:
        cfg.train_cfg.update(max_epochs=2, val_interval=1)
    else:
        cfg.train_cfg.update(max_iters=2, val_interval=2)
    cfg.default_hooks.logger.interval = 1
    cfg.work_dir = str(work_dir)
    return cfg


def smoke_train_and_test(config_path: str, tmp_path) -> dict:
    from mmengine.runner import Runner
    cfg = Config.fromfile(config_path)
    dataset = cfg.train_dataloader.dataset
    while dataset.get('dataset') is not None:
        dataset = dataset.dataset
    maker = DATA_MAKERS.get(dataset.type)
    assert maker, f'{osp.basename(config_path)}: no test data generator for {dataset.type}'
    maker(dataset, tmp_path / 'data')
    cfg = shrink_config(cfg, tmp_path / 'data', tmp_path / 'work')
    runner = Runner.from_cfg(cfg)
    runner.train()
    return runner.test()
