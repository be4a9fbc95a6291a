"""CIFAR training input path: this repo's batched one vs mmpretrain's per-image one."""
import os.path as osp
import statistics
import tempfile
import time

import numpy as np
import torch

MEAN, STD = [129.304, 124.070, 112.434], [68.170, 65.392, 70.418]
STOCK_MIX = dict(augments=[dict(type='Mixup', alpha=0.4), dict(type='CutMix', alpha=0.4)])
OUR_MIX = dict(augments=[dict(type='BatchMixup', alpha=0.4), dict(type='CutMix', alpha=0.4)])
ROTATE_DEGREES = 15  # the CIFAR-100 matrix's rotation: each image its own angle ~ U(-15, 15)
# mmpretrain's per-image rotation with the same distribution: |angle| ~ U(0, 15), random sign
STOCK_ROTATE = dict(type='mmpretrain.Rotate', magnitude_level=10,
                    magnitude_range=(0, ROTATE_DEGREES), magnitude_std='inf', prob=1.0,
                    random_negative_prob=0.5, pad_val=0, interpolation='nearest')


def synthetic_cifar100(root: str) -> str:
    from custom_modules.apps.data.cifar_writer import synthetic_rows, write_cifar100
    train = np.random.default_rng(0).integers(0, 100, 50000)
    test = np.arange(10000) % 100
    write_cifar100(root, synthetic_rows(train), train, synthetic_rows(test, 1), test,
                   [f'f{i}' for i in range(100)], [f'c{i}' for i in range(20)],
                   np.arange(100) // 5)
    return root


def input_paths(data_root: str, batch: int, workers: int, device: str, official: bool):
    from mmengine.runner import Runner
    from mmpretrain.datasets import CIFAR100
    from mmpretrain.registry import MODELS
    if not official:
        CIFAR100._check_integrity = lambda self: True  # generated files lack the md5
    loader = dict(batch_size=batch, num_workers=workers, persistent_workers=workers > 0,
                  sampler=dict(type='DefaultSampler', shuffle=True))
    stock = (Runner.build_dataloader(dict(loader, dataset=dict(
        type='mmpretrain.CIFAR100', data_root=data_root, split='train', download=False,
        pipeline=[dict(type='mmpretrain.RandomCrop', crop_size=32, padding=4),
                  dict(type='mmpretrain.RandomFlip', prob=0.5, direction='horizontal'),
                  STOCK_ROTATE, dict(type='mmpretrain.PackInputs')]))),
        MODELS.build(dict(type='mmpretrain.ClsDataPreprocessor', mean=MEAN, std=STD,
                          num_classes=100, batch_augments=STOCK_MIX)).to(device))
    ours = (Runner.build_dataloader(dict(
        loader, collate_fn=dict(type='cifar_collate'), dataset=dict(
        type='mmpretrain.CIFARPickleDataset', data_root=data_root, split='trainval',
        check_md5=official, pipeline=[]))),
        MODELS.build(dict(type='mmpretrain.CIFARBatchPreprocessor', mean=MEAN, std=STD,
                          num_classes=100, rotate_degrees=ROTATE_DEGREES,
                          batch_augments=OUR_MIX)).to(device))
    return {'stock': stock, 'ours': ours}


def images_per_second(loader, preprocessor, batches: int, device: str) -> float:
    iterator = iter(loader)
    preprocessor(next(iterator), training=True)  # warm-up (workers, allocations)
    start, seen = time.perf_counter(), 0
    for _ in range(batches):
        data = preprocessor(next(iterator), training=True)
        seen += data['inputs'].shape[0]
    if device == 'cuda':
        torch.cuda.synchronize()
    return seen / (time.perf_counter() - start)


def input_stock_vs_ours(data_root, batch=128, batches=60, repeats=3, workers=0, device='cpu'):
    """Measure both sides alternately and print each repeat and the median ratio."""

    import custom_modules  # noqa: F401
    official = osp.isdir(osp.join(data_root, 'cifar-100-python'))
    data_root = data_root if official else synthetic_cifar100(tempfile.mkdtemp())
    source = ('official CIFAR-100 at ' + data_root if official
              else 'synthetic CIFAR-100 (50,000 train images)')
    print(f'data: {source}')
    paths = input_paths(data_root, batch, workers, device, official)
    rates = {name: [] for name in paths}
    for r in range(repeats):
        for name, (loader, preprocessor) in paths.items():
            rates[name].append(images_per_second(loader, preprocessor, batches, device))
        print(f'repeat {r + 1}: stock {rates["stock"][-1]:.0f} img/s, '
              f'ours {rates["ours"][-1]:.0f} img/s')
    ratio = statistics.median(o / s for o, s in zip(rates['ours'], rates['stock']))
    print(f'device {device}, batch {batch}, workers {workers}, torch threads '
          f'{torch.get_num_threads()}: stock {statistics.median(rates["stock"]):.0f} img/s, ours '
          f'{statistics.median(rates["ours"]):.0f} img/s, median ratio ours/stock = {ratio:.2f} '
          f'(target >= 5)')
