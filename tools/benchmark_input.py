"""CIFAR training input path: this repo's vs mmpretrain's stock one, images/s and ratio.

stock: mmpretrain ``CIFAR100`` + pipeline RandomCrop(32, padding=4) ->
       RandomFlip -> Rotate (each image |angle| ~ U(0, 15), random sign, nearest,
       zero fill) -> PackInputs, then ``ClsDataPreprocessor`` with mmpretrain's
       Mixup / CutMix batch augmentation;
ours:  ``CIFARPickleDataset`` + ``cifar_collate`` (one stack per batch), then
       ``CIFARBatchPreprocessor`` (batched crop + flip + per-image rotation
       ±15 degrees on the device, as in configs/cifar100/) with
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

import torch

from custom_modules.apps.benchmarks.input_pipeline import input_stock_vs_ours
from custom_modules.apps.run.config import REPO_ROOT as REPO


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-root', default=osp.join(REPO, 'data/cifar100'))
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--batches', type=int, default=60)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--workers', type=int, default=0)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    args = parser.parse_args(argv)
    input_stock_vs_ours(args.data_root, args.batch, args.batches, args.repeats, args.workers,
                        args.device)


if __name__ == '__main__':
    main()
