"""Generate tiny CIFAR-10 / CIFAR-100 python-pickle releases (exact official layout)."""
import os
import os.path as osp
import pickle

import numpy as np


def _images(labels, rng):
    """Class-dependent images (a bright band per class) plus noise, as CIFAR rows."""
    rows = rng.integers(0, 60, size=(len(labels), 3, 32, 32), dtype=np.uint8)
    for i, label in enumerate(labels):
        rows[i, label % 3, (label * 3) % 30:(label * 3) % 30 + 3, :] = 255
    return rows.reshape(len(labels), 3072)


def _dump(path, obj):
    with open(path, 'wb') as f:
        pickle.dump(obj, f, protocol=2)


def make_cifar10(root, per_class_train=6, per_class_test=2, seed=0):
    """Write ``root/cifar-10-batches-py`` with 10 classes; returns the folder."""
    rng = np.random.default_rng(seed)
    folder = osp.join(root, 'cifar-10-batches-py')
    os.makedirs(folder, exist_ok=True)
    train_labels = rng.permutation(np.repeat(np.arange(10), per_class_train))
    for i, part in enumerate(np.array_split(train_labels, 5), start=1):
        _dump(osp.join(folder, f'data_batch_{i}'),
              {'batch_label': f'training batch {i} of 5', 'labels': part.tolist(),
               'data': _images(part, rng), 'filenames': [f'{j}.png' for j in range(len(part))]})
    test_labels = np.repeat(np.arange(10), per_class_test)
    _dump(osp.join(folder, 'test_batch'),
          {'batch_label': 'testing batch 1 of 1', 'labels': test_labels.tolist(),
           'data': _images(test_labels, rng), 'filenames': ['t.png'] * len(test_labels)})
    _dump(osp.join(folder, 'batches.meta'),
          {'label_names': [f'class{c}' for c in range(10)], 'num_vis': 3072})
    return folder


def make_cifar100(root, per_class_train=2, per_class_test=1, seed=0):
    """Write ``root/cifar-100-python`` with 100 fine / 20 coarse classes; returns the folder."""
    rng = np.random.default_rng(seed)
    folder = osp.join(root, 'cifar-100-python')
    os.makedirs(folder, exist_ok=True)
    for name, per_class in (('train', per_class_train), ('test', per_class_test)):
        fine = rng.permutation(np.repeat(np.arange(100), per_class))
        _dump(osp.join(folder, name),
              {'filenames': [f'{j}.png' for j in range(len(fine))], 'batch_label': name,
               'fine_labels': fine.tolist(), 'coarse_labels': (fine // 5).tolist(),
               'data': _images(fine, rng)})
    _dump(osp.join(folder, 'meta'),
          {'fine_label_names': [f'fine{c}' for c in range(100)],
           'coarse_label_names': [f'coarse{c}' for c in range(20)]})
    return folder
