"""Write scikit-learn's digits (1,797 real 8x8 scans, 10 classes) in the CIFAR-10 python format.

Each image is scaled to 32x32 (bilinear), replicated to RGB and stored as
``cifar-10-batches-py/{data_batch_1..5,test_batch,batches.meta}`` with a
stratified, seeded test split, so the demo exercises the exact CIFAR loader.
"""
import argparse
import os.path as osp
import sys

import numpy as np
from PIL import Image

from custom_modules.plugins.datasets.cifar import stratified_split
from custom_modules.plugins.datasets.cifar_writer import write_cifar10


def digits_as_cifar_rows(images: np.ndarray) -> np.ndarray:
    """(N, 8, 8) values 0..16 -> (N, 3072) uint8 rows, R plane then G then B."""
    rows = []
    for image in images:
        grey = Image.fromarray(np.uint8(np.round(image * 255.0 / 16.0)))
        big = np.asarray(grey.resize((32, 32), Image.BILINEAR), dtype=np.uint8)
        rows.append(np.concatenate([big.ravel()] * 3))
    return np.stack(rows)


def convert(out_root: str, test_fraction: float = 0.2, seed: int = 0) -> str:
    from sklearn.datasets import load_digits
    digits = load_digits()
    rows = digits_as_cifar_rows(digits.images)
    train_idx, test_idx = stratified_split(digits.target, test_fraction, seed)
    train_idx = np.random.default_rng(seed).permutation(train_idx)
    folder = write_cifar10(out_root, rows[train_idx], digits.target[train_idx],
                           rows[test_idx], digits.target[test_idx], [str(d) for d in range(10)])
    print(f'wrote {len(train_idx)} training and {len(test_idx)} test digits to {folder}')
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default='data/digits_cifar', help='output data root')
    parser.add_argument('--test-fraction', type=float, default=0.2)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    convert(args.out, args.test_fraction, args.seed)


if __name__ == '__main__':
    main()
