"""tools/predict.py: one CSV row per readable image of a folder, top-k classes, bad files listed."""
import csv

import pytest

from tests.helpers.configs import REPO, run_cli, write_config
from tests.helpers.image_data import make_class_folders


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    """A NIN on generated class folders, trained for one short epoch through tools/train.py."""
    root = tmp_path_factory.mktemp('predict')
    make_class_folders(root / 'data', classes=('cat', 'dog', 'fox'), per_class=3, corrupt=False)
    assert run_cli('tools/data/folder_to_ann.py', root / 'data') == 0
    data = str(root / 'data')
    folder = dict(data_root=data, classes=data + '/classes.txt')
    loader = dict(batch_size=4, num_workers=0, persistent_workers=False)
    config = write_config(
        root / 'cfg.py', f'{REPO}/configs/custom/nin_1xb32-adam-100e_folder.py',
        model=dict(backbone=dict(num_classes=3)), data_preprocessor=dict(num_classes=3),
        train_dataloader=dict(loader, dataset=folder),
        val_dataloader=dict(loader, dataset=folder),
        test_dataloader=dict(loader, dataset=folder),
        val_evaluator=dict(topk=(1, )), test_evaluator=dict(topk=(1, )),
        train_cfg=dict(max_epochs=1))
    assert run_cli('tools/train.py', config, '--work-dir', root / 'work') == 0
    return config, str(root / 'work' / 'epoch_1.pth'), root


def test_predict_writes_a_row_per_image(trained, tmp_path, capsys):
    config, checkpoint, _ = trained
    images, bad = make_class_folders(tmp_path / 'new', classes=('x', 'y'), per_class=2,
                                     corrupt=True)
    out = tmp_path / 'preds.csv'
    capsys.readouterr()
    assert run_cli('tools/predict.py', config, checkpoint, images, '--topk', '2', '--out', out) == 0
    rows = list(csv.DictReader(open(out)))
    names = sorted(r['file'].split('/')[-1] for r in rows)
    assert names == ['x_0.jpg', 'x_1.jpg', 'y_0.jpg', 'y_1.jpg']
    for row in rows:
        assert row['pred_class'] in {'cat', 'dog', 'fox'}
        top = [item.split(':') for item in row['top2'].split()]
        assert len(top) == 2 and top[0][0] == row['pred_class']
        assert float(top[0][1]) >= float(top[1][1]) and 0 <= float(row['score']) <= 1
    assert str(bad) in capsys.readouterr().err


def test_predict_on_missing_input_is_one_line(trained, tmp_path, capsys):
    config, checkpoint, _ = trained
    capsys.readouterr()
    assert run_cli('tools/predict.py', config, checkpoint, tmp_path / 'nothing') == 2
    err = capsys.readouterr().err
    assert 'Traceback' not in err
    assert err.strip().splitlines()[-1] == (
        f'error: {tmp_path / "nothing"} is neither an image file nor a folder')

