"""CIFAR training input path: this repo's vs mmpretrain's stock one, images/s and ratio.

stock: mmpretrain ``CIFAR100`` + pipeline RandomCrop(32, padding=4) ->
       RandomFlip -> PackInputs, then ``ClsDataPreprocessor`` with mmpretrain's
       Mixup / CutMix batch augmentation;
ours:  ``CIFARPickleDataset`` + ``cifar_collate`` (one stack per batch), then
       ``CIFARBatchPreprocessor`` (batched crop + flip on the device) with
       this repo's one-pass ``BatchMixup`` and mmpretrain's CutMix.

Both run through mmengine's dataloader builder with the same batch size and
workers, alternately in one process; the median ratio ours / stock is printed
(target >= 5). Uses ``data/cifar100`` when present, else writes a synthetic
CIFAR-100 of the official size (50,000 train images) to a temporary folder
(mmpretrain's md5 check is skipped for it, outside the timed region).

    python tools/benchmark_input.py [--batches 60] [--workers 0] [--device cpu|cuda]
"""
import argparse
import os.path as osp
import statistics
import sys
import tempfile
import time

import numpy as np
import torch

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

MEAN, STD = [129.304, 124.070, 112.434], [68.170, 65.392, 70.418]
STOCK_MIX = dict(augments=[dict(type='Mixup', alpha=0.4), dict(type='CutMix', alpha=0.4)])
OUR_MIX = dict(augments=[dict(type='BatchMixup', alpha=0.4), dict(type='CutMix', alpha=0.4)])


def synthetic_cifar100(root: str) -> str:
    from custom_modules.plugins.datasets.cifar_writer import synthetic_rows, write_cifar100
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
                  dict(type='mmpretrain.PackInputs')]))),
        MODELS.build(dict(type='mmpretrain.ClsDataPreprocessor', mean=MEAN, std=STD,
                          num_classes=100, batch_augments=STOCK_MIX)).to(device))
    ours = (Runner.build_dataloader(dict(loader, collate_fn=dict(type='cifar_collate'), dataset=dict(
        type='mmpretrain.CIFARPickleDataset', data_root=data_root, split='trainval',
        check_md5=official, pipeline=[]))),
        MODELS.build(dict(type='mmpretrain.CIFARBatchPreprocessor', mean=MEAN, std=STD,
                          num_classes=100, batch_augments=OUR_MIX)).to(device))
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-root', default=osp.join(REPO, 'data/cifar100'))
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--batches', type=int, default=60)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--workers', type=int, default=0)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    args = parser.parse_args()

    import custom_modules  # noqa: F401
    official = osp.isdir(osp.join(args.data_root, 'cifar-100-python'))
    data_root = args.data_root if official else synthetic_cifar100(tempfile.mkdtemp())
    print(f'data: {"official CIFAR-100 at " + data_root if official else "synthetic CIFAR-100 (50,000 train images)"}')
    paths = input_paths(data_root, args.batch, args.workers, args.device, official)
    rates = {name: [] for name in paths}
    for r in range(args.repeats):
        for name, (loader, preprocessor) in paths.items():
            rates[name].append(images_per_second(loader, preprocessor, args.batches, args.device))
        print(f'repeat {r + 1}: stock {rates["stock"][-1]:.0f} img/s, ours {rates["ours"][-1]:.0f} img/s')
    ratio = statistics.median(o / s for o, s in zip(rates['ours'], rates['stock']))
    print(f'device {args.device}, batch {args.batch}, workers {args.workers}, torch threads '
          f'{torch.get_num_threads()}: stock {statistics.median(rates["stock"]):.0f} img/s, ours '
          f'{statistics.median(rates["ours"]):.0f} img/s, median ratio ours/stock = {ratio:.2f} '
          f'(target >= 5)')


if __name__ == '__main__':
    main()
