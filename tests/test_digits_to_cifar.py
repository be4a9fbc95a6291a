"""tools/data/digits_to_cifar.py writes real digits in the exact CIFAR-10 layout."""
import os
import pickle

import numpy as np

from tests.helpers.configs import run_script


def test_digits_written_as_cifar10(tmp_path):
    result = run_script('tools/data/digits_to_cifar.py', '--out', str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / 'cifar-10-batches-py'
    assert sorted(os.listdir(folder)) == sorted(
        [f'data_batch_{i}' for i in range(1, 6)] + ['test_batch', 'batches.meta'])
    batches = [pickle.load(open(folder / f'data_batch_{i}', 'rb'), encoding='latin1')
               for i in range(1, 6)]
    test = pickle.load(open(folder / 'test_batch', 'rb'), encoding='latin1')
    train_n = sum(len(b['labels']) for b in batches)
    assert train_n + len(test['labels']) == 1797
    assert np.bincount(test['labels']).min() >= 34  # stratified 20%
    rows = test['data']
    assert rows.dtype == np.uint8 and rows.shape[1] == 3072
    assert np.array_equal(rows[:, :1024], rows[:, 1024:2048])  # grey digits as RGB
    meta = pickle.load(open(folder / 'batches.meta', 'rb'), encoding='latin1')
    assert meta['label_names'] == [str(d) for d in range(10)]
