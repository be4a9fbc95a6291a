"""CIFARPickleDataset: official layout, fine/coarse labels, val split modes, md5 check."""
import numpy as np
import pytest
import torch

import custom_modules  # noqa: F401
from custom_modules.errors import DataError
from custom_modules.plugins.datasets import CIFARPickleDataset, stratified_split
from tests.helpers.cifar_data import edit_batch, make_cifar10, make_cifar100


@pytest.fixture(scope='module')
def cifar100_root(tmp_path_factory):
    root = tmp_path_factory.mktemp('c100')
    make_cifar100(root, per_class_train=10, per_class_test=1)
    return str(root)


def _labels(ds):
    return [ds.get_data_info(i)['gt_label'] for i in range(len(ds))]


def test_fine_split_is_stratified_disjoint_and_complete(cifar100_root):
    kwargs = dict(data_root=cifar100_root, check_md5=False, val_fraction=0.1, split_seed=3)
    train, val, trainval = (CIFARPickleDataset(split=s, **kwargs)
                            for s in ('train', 'val', 'trainval'))
    assert (len(train), len(val), len(trainval)) == (900, 100, 1000)
    assert np.bincount(_labels(val), minlength=100).tolist() == [1] * 100
    assert len(train.metainfo['classes']) == 100
    image = train.get_data_info(0)['img']
    assert image.shape == (32, 32, 3) and image.dtype == np.uint8
    test = CIFARPickleDataset(split='test', **kwargs)
    assert len(test) == 100


def _images(ds):
    return np.stack([ds.get_data_info(i)['img'] for i in range(len(ds))])


def _official_positions(ds, trainval):
    """Position of each of ``ds``'s images in the official training order."""
    rows = {image.tobytes(): i for i, image in enumerate(_images(trainval))}
    assert len(rows) == len(trainval)  # synthetic images are distinct
    return [rows[image.tobytes()] for image in _images(ds)]


def test_last_mode_holds_out_the_last_images_of_the_official_order(cifar100_root):
    kwargs = dict(data_root=cifar100_root, check_md5=False, split_mode='last',
                  val_fraction=0.13, split_seed=5)
    trainval = CIFARPickleDataset(split='trainval', **kwargs)
    train, val = (CIFARPickleDataset(split=s, **kwargs) for s in ('train', 'val'))
    assert _official_positions(train, trainval) == list(range(870))
    assert _official_positions(val, trainval) == list(range(870, 1000))  # round(0.13 * 1000)
    assert _labels(val) == _labels(trainval)[870:]


def test_random_split_mode_equals_torch_random_split(cifar100_root):
    kwargs = dict(data_root=cifar100_root, check_md5=False, split_mode='random_split',
                  val_fraction=0.2, split_seed=1234)
    trainval = CIFARPickleDataset(split='trainval', **kwargs)
    train, val = (CIFARPickleDataset(split=s, **kwargs) for s in ('train', 'val'))
    expected_train, expected_val = torch.utils.data.random_split(
        range(1000), [800, 200], generator=torch.Generator().manual_seed(1234))
    assert _official_positions(train, trainval) == list(expected_train)
    assert _official_positions(val, trainval) == list(expected_val)
    other_seed = CIFARPickleDataset(split='val', **dict(kwargs, split_seed=4321))
    assert _official_positions(other_seed, trainval) != list(expected_val)


def test_unknown_split_mode_is_rejected(cifar100_root):
    with pytest.raises(DataError, match="split_mode must be one of .*'last'.*got 'first'"):
        CIFARPickleDataset(cifar100_root, split='val', split_mode='first', check_md5=False)


def test_coarse_labels(cifar100_root):
    fine = CIFARPickleDataset(cifar100_root, split='test', check_md5=False)
    coarse = CIFARPickleDataset(cifar100_root, split='test', check_md5=False, label_type='coarse')
    assert len(coarse.metainfo['classes']) == 20
    assert _labels(coarse) == [label // 5 for label in _labels(fine)]


def test_split_depends_on_seed_only():
    labels = np.repeat(np.arange(4), 10)
    a = stratified_split(labels, 0.2, seed=1)
    b = stratified_split(labels, 0.2, seed=1)
    c = stratified_split(labels, 0.2, seed=2)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[1], c[1])
    assert np.bincount(labels[a[1]]).tolist() == [2, 2, 2, 2]


def test_md5_check_is_on_by_default(cifar100_root):
    with pytest.raises(DataError, match='does not match the official md5.*check_md5=False'):
        CIFARPickleDataset(cifar100_root, split='test')


def test_cifar10_layout(tmp_path):
    make_cifar10(tmp_path)
    ds = CIFARPickleDataset(str(tmp_path), split='trainval', variant='cifar10', check_md5=False)
    assert len(ds) == 60 and len(ds.metainfo['classes']) == 10


def test_missing_file_names_it_and_says_how_to_download(tmp_path):
    make_cifar10(tmp_path)
    (tmp_path / 'cifar-10-batches-py' / 'test_batch').unlink()
    with pytest.raises(DataError, match='test_batch is missing.*download_cifar.py'):
        CIFARPickleDataset(str(tmp_path), split='test', variant='cifar10', check_md5=False)


def test_label_outside_classes_is_rejected(tmp_path):
    folder = make_cifar10(tmp_path)
    edit_batch(f'{folder}/test_batch', 'labels', lambda labels: [12, *labels[1:]])
    with pytest.raises(DataError, match='label 12 .* not one of the 10 classes'):
        CIFARPickleDataset(str(tmp_path), split='test', variant='cifar10', check_md5=False)


@pytest.mark.parametrize('variant,name,key,label_type,change,message', [
    ('cifar10', 'test_batch', 'labels', 'fine', lambda v: v[:-1],
     '19 "labels" for 20 image rows'),
    ('cifar100', 'test', 'fine_labels', 'fine', lambda v: v + [0],
     '101 "fine_labels" for 100 image rows'),
    ('cifar100', 'test', 'coarse_labels', 'coarse', lambda v: v[:-1],
     '99 "coarse_labels" for 100 image rows'),
])
def test_label_count_must_match_image_rows(tmp_path, variant, name, key, label_type, change,
                                           message):
    folder = (make_cifar10 if variant == 'cifar10' else make_cifar100)(tmp_path)
    edit_batch(f'{folder}/{name}', key, change)
    with pytest.raises(DataError, match=f'CIFAR file .*/{name} has {message}'):
        CIFARPickleDataset(str(tmp_path), split='test', variant=variant, label_type=label_type,
                           check_md5=False)


@pytest.mark.parametrize('change,message', [
    (lambda rows: rows[:, :3000], 'image rows are 3000 bytes long; CIFAR rows are 3072 bytes'),
    (lambda rows: [*rows[:3], rows[3][:1024], *rows[4:]],
     'image row 3 is 1024 bytes long; CIFAR rows are 3072 bytes'),
    (lambda rows: rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1),
     r'"data" has shape \(20, 32, 32, 3\), not \(N, 3072\)'),
    (lambda rows: rows / 255.0, r'"data" holds float64 values, not the bytes \(uint8'),
])
def test_malformed_image_rows_name_the_file(tmp_path, change, message):
    folder = make_cifar10(tmp_path)
    edit_batch(f'{folder}/test_batch', 'data', change)
    with pytest.raises(DataError, match=f'CIFAR file .*/test_batch: {message}'):
        CIFARPickleDataset(str(tmp_path), split='test', variant='cifar10', check_md5=False)
