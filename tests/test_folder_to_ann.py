"""tools/data/folder_to_ann.py: classes.txt, seeded 80/20 split, counts, unreadable images
refused."""
from tests.helpers.configs import run_cli
from tests.helpers.image_data import make_class_folders


def _rows(path):
    return [line.rsplit(' ', 1) for line in path.read_text().splitlines()]


def test_annotations_split_and_refusal(tmp_path, capsys):
    root, bad = make_class_folders(tmp_path / 'animals', classes=('cat', 'dog', 'fox'), per_class=5)
    assert run_cli('tools/data/folder_to_ann.py', root) == 0
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

    assert run_cli('tools/data/folder_to_ann.py', root, '--seed', '0') == 0
    assert _rows(root / 'train.txt') == train  # seeded
    assert run_cli('tools/data/folder_to_ann.py', root, '--seed', '1') == 0
    assert _rows(root / 'train.txt') != train


def test_not_a_folder_of_class_folders(tmp_path, capsys):
    assert run_cli('tools/data/folder_to_ann.py', tmp_path / 'missing') == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1 and 'is not a folder' in err
