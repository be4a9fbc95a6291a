"""Train any config of this repo for a couple of iterations on generated data, then test it."""
import os.path as osp

from mmengine.config import Config

from .cifar_data import make_cifar10, make_cifar100
from .image_data import make_class_folders, make_cub


def _make_cifar(dataset, root, cfg):
    maker = make_cifar10 if dataset.get('variant', 'cifar100') == 'cifar10' else make_cifar100
    maker(root, per_class_train=5)


def _make_folders(dataset, root, cfg):
    import subprocess
    import sys
    from .configs import REPO
    classes = [f'class{i}' for i in range(cfg.get('num_classes', 3))]
    make_class_folders(root, classes=classes, per_class=4, corrupt=False)
    subprocess.run([sys.executable, osp.join(REPO, 'tools/data/folder_to_ann.py'), str(root),
                    '--val-fraction', '0.5'], check=True, capture_output=True)


def load_shapes_tool():
    """tools/data/make_shapes_voc.py as a module (tools/ is not a package)."""
    import importlib.util
    from .configs import REPO
    spec = importlib.util.spec_from_file_location(
        'make_shapes_voc', osp.join(REPO, 'tools', 'data', 'make_shapes_voc.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _make_shapes_voc(dataset, root, cfg):
    """A tiny generated shapes VOCdevkit: ``root/VOC2007`` (shrink_config's data_root is root)."""
    load_shapes_tool().write_dataset(str(root / 'VOC2007'), train=4, test=4, seed=0,
                                     progress=False)


# dataset type -> function(dataset cfg, root, whole cfg) writing tiny data in its real format
DATA_MAKERS = {
    'CIFARPickleDataset': _make_cifar,
    'CUB': lambda dataset, root, cfg: make_cub(root),
    'CustomDataset': _make_folders,
    'VOCDataset': _make_shapes_voc,
}


def _datasets(cfg):
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        dataset = (cfg.get(loader) or {}).get('dataset')
        while dataset is not None:
            yield loader, dataset
            dataset = dataset.get('dataset')  # wrappers (RepeatDataset, ...)


def _without_pretrained(node):
    """Drop every ``Pretrained`` init (tests never download weights)."""
    if isinstance(node, dict):
        init = node.get('init_cfg')
        if isinstance(init, dict) and init.get('type') == 'Pretrained':
            node['init_cfg'] = None
        for value in node.values():
            _without_pretrained(value)
    elif isinstance(node, list):
        for value in node:
            _without_pretrained(value)


def shrink_config(cfg: Config, data_root: str, work_dir: str) -> Config:
    """Point every dataset at generated data; two epochs of two iterations each."""
    for loader, dataset in _datasets(cfg):
        if dataset.get('dataset') is None:
            dataset['indices'] = 4
        old_root = dataset.get('data_root')
        for key, value in list(dataset.items()):  # data_root and paths built from it
            if old_root and isinstance(value, str) and value.startswith(old_root):
                dataset[key] = str(data_root) + value[len(old_root):]
        if dataset.get('type') == 'CIFARPickleDataset':
            dataset['check_md5'] = False  # generated files
        cfg[loader].update(batch_size=2, num_workers=0, persistent_workers=False)
    if cfg.train_cfg.get('by_epoch', True) and 'max_epochs' in cfg.train_cfg:
        cfg.train_cfg.update(max_epochs=2, val_interval=1)
    else:
        cfg.train_cfg.update(max_iters=2, val_interval=2)
    _without_pretrained(cfg.model)
    cfg.default_hooks.logger.interval = 1
    if cfg.default_hooks.get('checkpoint'):  # writing 0.5 GB VGG checkpoints is not under test
        cfg.default_hooks.checkpoint.update(interval=-1, save_last=False, save_best=None)
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
    maker(dataset, tmp_path / 'data', cfg)
    cfg = shrink_config(cfg, tmp_path / 'data', tmp_path / 'work')
    runner = Runner.from_cfg(cfg)
    runner.train()
    return runner.test()
