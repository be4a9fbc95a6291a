"""tools/data/folder_to_ann.py: classes.txt, the global-shuffle 80/20 split (report 003) and
the per-class one, counts, unreadable images refused, nested folders included, empty classes
refused, files replaced together."""
import collections
import os
import random
import stat

import pytest

from custom_modules.apps.data import folder_ann
from tests.helpers.configs import run_cli
from tests.helpers.image_data import make_class_folders


def _rows(path):
    return [line.rsplit(' ', 1) for line in path.read_text().splitlines()]


def test_global_shuffle_split_is_the_report_scripts(tmp_path, capsys):
    """All rows (class by class, sorted) shuffled once by Python's random with the seed;
    train = the first int(0.8 N), val = the last rows, whatever their classes."""
    classes = ('ant', 'bee', 'cow', 'elk')
    root, _ = make_class_folders(tmp_path / 'animals', classes=classes, per_class=6,
                                 corrupt=False)
    rows = [[f'{name}/{name}_{k}.jpg', str(label)] for label, name in enumerate(classes)
            for k in sorted(range(6), key=str)]
    for seed in (5, 0):
        assert run_cli('tools/data/folder_to_ann.py', root, '--seed', seed) == 0
        assert '19 train / 5 val images (shuffle split)' in capsys.readouterr().out
        expected = list(rows)
        random.Random(seed).shuffle(expected)
        train, val = _rows(root / 'train.txt'), _rows(root / 'val.txt')
        assert train == expected[:19] and val == expected[19:]  # int(0.8 * 24) = 19
    # seed 0 puts three 'cow' and no 'elk' into val: a per-class split would hold out 1 each
    assert collections.Counter(label for _, label in val) == {'2': 3, '1': 1, '0': 1}
    assert val[0] == ['cow/cow_4.jpg', '2']


def test_per_class_split_and_refusal(tmp_path, capsys):
    root, bad = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog', 'fox'), per_class=5)
    assert run_cli('tools/data/folder_to_ann.py', root, '--split', 'per-class') == 0
    result = capsys.readouterr()
    assert (root / 'classes.txt').read_text().split() == ['cat', 'dog', 'fox']
    train, val = _rows(root / 'train.txt'), _rows(root / 'val.txt')
    assert len(train) == 12 and len(val) == 3  # 4 of 5 per class for training
    assert {label for _, label in val} == {'0', '1', '2'}
    assert all(path.split('/')[0] == ['cat', 'dog', 'fox'][int(label)]
               for path, label in train + val)
    assert 'cat/broken.jpg' not in {path for path, _ in train + val}
    assert 'refused 1 unreadable image(s)' in result.err and str(bad) in result.err
    assert 'cat: 5 images' in result.out and 'dog: 5 images' in result.out

    split = ('--split', 'per-class')
    assert run_cli('tools/data/folder_to_ann.py', root, *split, '--seed', '0') == 0
    assert _rows(root / 'train.txt') == train  # seeded
    assert run_cli('tools/data/folder_to_ann.py', root, *split, '--seed', '1') == 0
    assert _rows(root / 'train.txt') != train


@pytest.mark.parametrize('args,message', [
    (('--val-fraction', '1'), 'val_fraction must be in [0, 1), got 1.0'),
    (('--val-fraction', '-0.1'), 'val_fraction must be in [0, 1), got -0.1'),
])
def test_bad_fraction_is_a_user_error(tmp_path, capsys, args, message):
    root, _ = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog'), per_class=2,
                                 corrupt=False)
    assert run_cli('tools/data/folder_to_ann.py', root, *args) == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1 and message in err


def test_not_a_folder_of_class_folders(tmp_path, capsys):
    assert run_cli('tools/data/folder_to_ann.py', tmp_path / 'missing') == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1 and 'is not a folder' in err


def test_nested_images_are_included_with_their_path(tmp_path, capsys):
    root, _ = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog'), per_class=5,
                                 corrupt=False)
    os.renames(root / 'cat' / 'cat_0.jpg', root / 'cat' / 'indoor' / 'cat_0.jpg')
    os.renames(root / 'dog' / 'dog_1.jpg', root / 'dog' / 'a' / 'b' / 'dog_1.jpg')
    assert run_cli('tools/data/folder_to_ann.py', root, '--val-fraction', '0') == 0
    assert 'cat: 5 images' in capsys.readouterr().out
    rows = dict(_rows(root / 'train.txt'))
    assert len(rows) == 10
    assert rows['cat/indoor/cat_0.jpg'] == '0' and rows['dog/a/b/dog_1.jpg'] == '1'


@pytest.mark.parametrize('content,why', [
    ({}, 'no files ending in .jpg'),
    ({'notes.txt': b'no images here'}, 'no files ending in .jpg'),
    ({'sub/broken.png': b'not a png'}, 'none of its 1 image files can be read'),
])
def test_class_folder_without_images_is_an_error(tmp_path, capsys, content, why):
    root, _ = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog'), per_class=2,
                                 corrupt=False)
    (root / 'emu').mkdir()
    for name, data in content.items():
        (root / 'emu' / name).parent.mkdir(parents=True, exist_ok=True)
        (root / 'emu' / name).write_bytes(data)
    assert run_cli('tools/data/folder_to_ann.py', root) == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1
    assert f'class folder {root / "emu"} has no images ({why}' in err
    assert not (root / 'train.txt').exists()


def test_files_are_replaced_together_with_plain_permissions(tmp_path, monkeypatch):
    root, _ = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog'), per_class=5,
                                 corrupt=False)
    umask = os.umask(0o027)
    try:
        folder_ann.write_annotations(str(root), seed=0)
    finally:
        os.umask(umask)
    names = ('classes.txt', 'train.txt', 'val.txt')
    assert {stat.S_IMODE(os.stat(root / n).st_mode) for n in names} == {0o640}
    before = {n: (root / n).read_text() for n in names}
    real, calls = folder_ann.atomic_write_bytes, []

    def fail_on_second_file(data, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, 'No space left on device')
        real(data, path)

    monkeypatch.setattr(folder_ann, 'atomic_write_bytes', fail_on_second_file)
    with pytest.raises(OSError, match='No space left'):
        folder_ann.write_annotations(str(root), seed=1)
    assert {n: (root / n).read_text() for n in names} == before
    assert sorted(os.listdir(root)) == ['cat', 'classes.txt', 'dog', 'train.txt', 'val.txt']
