"""scikit-learn's digits written in the CIFAR-10 python format (the ``make demo`` data)."""

import numpy as np
from PIL import Image

from custom_modules.apps.data.cifar_writer import write_cifar10
from custom_modules.plugins.datasets.cifar import stratified_split


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
