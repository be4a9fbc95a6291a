"""tools/analysis_tools/: OpenMMLab's packaged analysis scripts on this repo's configs and runs."""
import json

import pytest

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import REPO, run_cli, tiny_cifar10_config, write_config
from tests.helpers.det_models import save_random_checkpoint, tiny_faster_rcnn_config
from tests.helpers.image_data import make_class_folders
from tests.helpers.voc_data import make_vocdevkit

TOOLS = 'tools/analysis_tools'


@pytest.fixture(scope='module')
def tiny_run(tmp_path_factory):
    """A tiny classification config trained for one epoch through tools/train.py."""
    root = tmp_path_factory.mktemp('analysis')
    data = root / 'data'
    make_cifar10(data, per_class_train=6, per_class_test=1)
    config = tiny_cifar10_config(root / 'tiny.py', data)
    assert run_cli('tools/train.py', config, '--work-dir', root / 'work') == 0
    return config, root / 'work' / 'epoch_1.pth'


def test_print_config_shows_the_merged_config(capsys):
    config = f'{REPO}/configs/cifar100/resnet18_1xb128_cifar100.py'
    assert run_cli(f'{TOOLS}/print_config.py', config) == 0
    out = capsys.readouterr().out
    # set by configs/_base_/cls_runtime.py, two levels up the inheritance
    assert "imports=[" in out and "'custom_modules'" in out and 'CIFARPickleDataset' in out
    detection = f'{REPO}/configs/voc/faster-rcnn_r50_fpn_4xb8-10e_voc07.py'
    assert run_cli(f'{TOOLS}/print_config.py', detection,
                   '--cfg-options', 'train_cfg.max_epochs=3') == 0
    out = capsys.readouterr().out
    assert 'CheckedVOCDataset' in out and 'max_epochs=3' in out


def test_get_flops_of_a_repo_config(tiny_run, capsys):
    config, _ = tiny_run
    assert run_cli(f'{TOOLS}/get_flops.py', config, '--shape', '32') == 0
    out = capsys.readouterr().out
    assert 'Flops:' in out and 'Params:' in out


def test_browse_dataset_writes_pictures(tmp_path):
    """On an image-folder config: the CIFAR configs augment whole batches in the model's
    preprocessor, so their datasets have no per-image pipeline for the tool to show."""
    make_class_folders(tmp_path / 'data', classes=('cat', 'dog'), per_class=3, corrupt=False)
    assert run_cli('tools/data/folder_to_ann.py', tmp_path / 'data') == 0
    data = tmp_path / 'data'
    folder = dict(data_root=str(data), classes=f'{data}/classes.txt')
    config = write_config(tmp_path / 'cfg.py',
                          f'{REPO}/configs/custom/resnet18_1xb32-aug-adam-50e_folder.py',
                          train_dataloader=dict(dataset=folder))
    out = tmp_path / 'browse'
    assert run_cli(f'{TOOLS}/browse_dataset.py', config, '--output-dir', out, '--not-show',
                   '--show-number', '3') == 0
    assert len(list(out.glob('*.jpg'))) == 3  # named after the images


def test_classification_confusion_matrix_of_a_checkpoint(tiny_run, tmp_path):
    config, checkpoint = tiny_run
    png, matrix = tmp_path / 'cm.png', tmp_path / 'cm.pkl'
    assert run_cli(f'{TOOLS}/confusion_matrix.py', config, checkpoint,
                   '--show-path', png, '--out', matrix) == 0
    import pickle
    cm = pickle.load(open(matrix, 'rb'))
    assert tuple(cm.shape) == (10, 10) and int(cm.sum()) == 10  # one test image per class
    assert png.stat().st_size > 1000


def test_detection_confusion_matrix_of_saved_predictions(tmp_path):
    root = make_vocdevkit(tmp_path / 'VOCdevkit', per_split=2, years=('2007',))
    config = tiny_faster_rcnn_config(tmp_path / 'frcnn.py', max_dets=3)
    checkpoint = save_random_checkpoint(config, tmp_path / 'frcnn.pth')
    data = f'test_dataloader.dataset.data_root={root}'
    preds = tmp_path / 'preds.pkl'
    assert run_cli('tools/test.py', config, checkpoint, '--work-dir', tmp_path / 'work',
                   '--out', preds, '--cfg-options', data) == 0
    assert run_cli(f'{TOOLS}/confusion_matrix.py', config, preds, tmp_path / 'cm',
                   '--score-thr', '0', '--cfg-options', data) == 0
    assert (tmp_path / 'cm' / 'confusion_matrix.png').stat().st_size > 1000


def test_analyze_logs_plots_two_runs_in_one_figure(tmp_path, capsys):
    logs = []
    for name, offset in (('a', 0.0), ('b', 0.5)):
        path = tmp_path / name / 'scalars.json'
        path.parent.mkdir()
        lines = [dict(lr=0.1, loss=2.0 - 0.1 * i + offset, epoch=1 + i // 2, iter=i, step=i)
                 for i in range(1, 7)]
        lines += [dict(**{'accuracy/top1': 30.0 + 5 * e}, step=e) for e in (1, 2, 3)]
        path.write_text('\n'.join(json.dumps(line) for line in lines) + '\n')
        logs.append(path)
    out = tmp_path / 'curves.png'
    assert run_cli(f'{TOOLS}/analyze_logs.py', 'plot_curve', *logs, '--keys', 'loss',
                   'accuracy/top1', '--legend', 'a-loss', 'a-top1', 'b-loss', 'b-top1',
                   '--out', out) == 0
    assert out.stat().st_size > 1000
    assert capsys.readouterr().out.count('plot curve of') == 4  # 2 runs x 2 scalars


def test_missing_config_is_one_error_line(tmp_path, capsys):
    assert run_cli(f'{TOOLS}/get_flops.py', tmp_path / 'nope.py') == 2
    err = capsys.readouterr().err
    assert err.count('error:') == 1 and 'nope.py does not exist' in err
