"""Write CIFAR python-pickle batches in the official layout (converters, tests, benchmarks)."""
import os
import os.path as osp
import pickle
from typing import Sequence

import numpy as np

from custom_modules.plugins.engine.atomic_files import atomic_open

CIFAR10_FOLDER = 'cifar-10-batches-py'
CIFAR100_FOLDER = 'cifar-100-python'


def dump_pickle(path: str, obj) -> None:
    with atomic_open(path, 'wb') as f:
        pickle.dump(obj, f, protocol=2)


def write_cifar10(root: str, train_rows: np.ndarray, train_labels: Sequence[int],
                  test_rows: np.ndarray, test_labels: Sequence[int],
                  class_names: Sequence[str]) -> str:
    """``rows`` are (N, 3072) uint8, R plane then G then B; returns the folder."""
    folder = osp.join(root, CIFAR10_FOLDER)
    os.makedirs(folder, exist_ok=True)
    train_labels = np.asarray(train_labels)
    for i, part in enumerate(np.array_split(np.arange(len(train_labels)), 5), start=1):
        dump_pickle(osp.join(folder, f'data_batch_{i}'), {
            'batch_label': f'training batch {i} of 5', 'labels': train_labels[part].tolist(),
            'data': train_rows[part], 'filenames': [f'train_{j:05d}.png' for j in part]})
    dump_pickle(osp.join(folder, 'test_batch'), {
        'batch_label': 'testing batch 1 of 1', 'labels': [int(v) for v in test_labels],
        'data': test_rows, 'filenames': [f'test_{j:05d}.png' for j in range(len(test_labels))]})
    dump_pickle(osp.join(folder, 'batches.meta'), {
        'label_names': list(class_names),
        'num_cases_per_batch': int(np.ceil(len(train_labels) / 5)),
        'num_vis': 3072})
    return folder


def write_cifar100(root: str, train_rows: np.ndarray, train_fine: Sequence[int],
                   test_rows: np.ndarray, test_fine: Sequence[int],
                   fine_names: Sequence[str], coarse_names: Sequence[str],
                   fine_to_coarse: Sequence[int]) -> str:
    """Like :func:`write_cifar10` for CIFAR-100 (fine labels + their coarse labels)."""
    folder = osp.join(root, CIFAR100_FOLDER)
    os.makedirs(folder, exist_ok=True)
    fine_to_coarse = np.asarray(fine_to_coarse)
    for name, rows, fine in (('train', train_rows, train_fine), ('test', test_rows, test_fine)):
        fine = np.asarray(fine)
        dump_pickle(osp.join(folder, name), {
            'filenames': [f'{name}_{j:05d}.png' for j in range(len(fine))], 'batch_label': name,
            'fine_labels': fine.tolist(), 'coarse_labels': fine_to_coarse[fine].tolist(),
            'data': rows})
    dump_pickle(osp.join(folder, 'meta'), {'fine_label_names': list(fine_names),
                                           'coarse_label_names': list(coarse_names)})
    return folder


def synthetic_rows(labels: Sequence[int], seed: int = 0) -> np.ndarray:
    """Noise images with a bright class-dependent band, as CIFAR rows (learnable, tiny)."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    images = rng.integers(0, 60, size=(len(labels), 3, 32, 32), dtype=np.uint8)
    for i, label in enumerate(labels):
        images[i, label % 3, (label * 3) % 30:(label * 3) % 30 + 3, :] = 255
    return images.reshape(len(labels), 3072)
