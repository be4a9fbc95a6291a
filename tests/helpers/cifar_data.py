"""Generate tiny CIFAR-10 / CIFAR-100 python-pickle releases (exact official layout)."""
import pickle

import numpy as np

from custom_modules.apps.data.cifar_writer import (
    dump_pickle,
    synthetic_rows,
    write_cifar10,
    write_cifar100,
)


def make_cifar10(root, per_class_train=6, per_class_test=2, seed=0):
    """Write ``root/cifar-10-batches-py`` with 10 classes; returns the folder."""
    train = np.random.default_rng(seed).permutation(np.repeat(np.arange(10), per_class_train))
    test = np.repeat(np.arange(10), per_class_test)
    return write_cifar10(str(root), synthetic_rows(train, seed), train,
                         synthetic_rows(test, seed + 1), test, [f'class{c}' for c in range(10)])


def make_cifar100(root, per_class_train=2, per_class_test=1, seed=0):
    """Write ``root/cifar-100-python`` with 100 fine / 20 coarse classes; returns the folder."""
    train = np.random.default_rng(seed).permutation(np.repeat(np.arange(100), per_class_train))
    test = np.repeat(np.arange(100), per_class_test)
    return write_cifar100(str(root), synthetic_rows(train, seed), train,
                          synthetic_rows(test, seed + 1), test,
                          [f'fine{c}' for c in range(100)], [f'coarse{c}' for c in range(20)],
                          np.arange(100) // 5)


def edit_batch(path, key, change):
    """Replace entry ``key`` of the batch pickle at ``path`` with ``change(old value)``."""
    with open(path, 'rb') as f:
        batch = pickle.load(f, encoding='latin1')
    batch[key] = change(batch[key])
    dump_pickle(str(path), batch)
