"""tools/predict.py: one CSV row per readable image of a folder, top-k classes, bad files listed."""
import csv

import pytest

from tests.helpers.configs import REPO, run_tool, write_config
from tests.helpers.image_data import make_class_folders


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    """A NIN on generated class folders, trained for one short epoch through tools/train.py."""
    root = tmp_path_factory.mktemp('predict')
    make_class_folders(root / 'data', classes=('cat', 'dog', 'fox'), per_class=3, corrupt=False)
    assert run_tool('tools/data/folder_to_ann.py', str(root / 'data')).returncode == 0
    data = str(root / 'data')
    folder = dict(data_root=data, classes=data + '/classes.txt')
    config = write_config(
        root / 'cfg.py', f'{REPO}/configs/custom/nin_1xb32_folder.py',
        model=dict(backbone=dict(num_classes=3)), data_preprocessor=dict(num_classes=3),
        train_dataloader=dict(batch_size=4, num_workers=0, persistent_workers=False, dataset=folder),
        val_dataloader=dict(batch_size=4, num_workers=0, persistent_workers=False, dataset=folder),
        test_dataloader=dict(batch_size=4, num_workers=0, persistent_workers=False, dataset=folder),
        val_evaluator=dict(topk=(1, )), test_evaluator=dict(topk=(1, )),
        train_cfg=dict(max_epochs=1))
    result = run_tool('tools/train.py', config, '--work-dir', str(root / 'work'))
    assert result.returncode == 0, result.stderr[-3000:]
    return config, str(root / 'work' / 'epoch_1.pth'), root


def test_predict_writes_a_row_per_image(trained, tmp_path):
    config, checkpoint, _ = trained
    images, bad = make_class_folders(tmp_path / 'new', classes=('x', 'y'), per_class=2, corrupt=True)
    out = tmp_path / 'preds.csv'
    result = run_tool('tools/predict.py', config, checkpoint, str(images), '--topk', '2', '--out', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = list(csv.DictReader(open(out)))
    assert sorted(r['file'].split('/')[-1] for r in rows) == ['x_0.jpg', 'x_1.jpg', 'y_0.jpg', 'y_1.jpg']
    for row in rows:
        assert row['pred_class'] in {'cat', 'dog', 'fox'}
        top = [item.split(':') for item in row['top2'].split()]
        assert len(top) == 2 and top[0][0] == row['pred_class']
        assert float(top[0][1]) >= float(top[1][1]) and 0 <= float(row['score']) <= 1
    assert str(bad) in result.stderr


def test_predict_on_missing_input_is_one_line(trained, tmp_path):
    config, checkpoint, _ = trained
    result = run_tool('tools/predict.py', config, checkpoint, str(tmp_path / 'nothing'))
    assert result.returncode == 2 and 'Traceback' not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == f'error: {tmp_path / "nothing"} is neither an image file nor a folder'

