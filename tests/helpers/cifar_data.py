"""Generate tiny CIFAR-10 / CIFAR-100 python-pickle releases (exact official layout)."""
import pickle

from custom_modules.apps.data.cifar_writer import dump_pickle
from custom_modules.apps.data.smoke_data import make_cifar10, make_cifar100

__all__ = ['edit_batch', 'make_cifar10', 'make_cifar100']


def edit_batch(path, key, change):
    """Replace entry ``key`` of the batch pickle at ``path`` with ``change(old value)``."""
    with open(path, 'rb') as f:
        batch = pickle.load(f, encoding='latin1')
    batch[key] = change(batch[key])
    dump_pickle(str(path), batch)
