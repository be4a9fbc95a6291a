"""tools/analysis_tools/verify_dataset.py: each listed file read once, the unreadable named."""
import os

from PIL import Image

from custom_modules.apps.data.folder_ann import write_annotations
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config
from tests.helpers.image_data import make_class_folders
from tests.helpers.seg_data import make_cityscapes
from tests.helpers.voc_data import make_vocdevkit

TOOL = 'tools/analysis_tools/verify_dataset.py'
FOLDER_CONFIG = 'configs/custom/resnet18_1xb32-aug-adam-50e_folder.py'
VOC_CONFIG = 'configs/voc/faster-rcnn_r50_fpn_4xb8-10e_voc0712.py'
SEG_CONFIG = 'configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py'
PHASES = ('train', 'val', 'test')


def _truncate(path):
    data = open(path, 'rb').read()
    with open(path, 'wb') as f:
        f.write(data[:len(data) // 2])


def _garble(path):
    with open(path, 'wb') as f:
        f.write(b'neither a JPEG nor a PNG')


def _data_roots(root, datasets):
    return ['--cfg-options', *(f'{d}.data_root={root}' for d in datasets)]


def _listed(stdout):
    """``{path: reason}`` of the file lines (all but the summary line)."""
    return dict(line.split(': ', 1) for line in stdout.splitlines()[:-1])


def test_image_folders_missing_truncated_and_garbage_files(tmp_path):
    root, _ = make_class_folders(tmp_path / 'animals', per_class=4, corrupt=False)
    write_annotations(str(root), val_fraction=0.5)
    options = ['--cfg-options', *(f'{p}_dataloader.dataset.{key}={root}{tail}' for p in PHASES
                                  for key, tail in (('data_root', ''),
                                                    ('classes', '/classes.txt')))]
    result = run_script(TOOL, FOLDER_CONFIG, *options)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        'all 12 files of the train/val/test datasets of')

    train = [line.split()[0] for line in (root / 'train.txt').read_text().splitlines()]
    val = [line.split()[0] for line in (root / 'val.txt').read_text().splitlines()]
    truncated, garbage, missing = (f'{root}/{train[0]}', f'{root}/{train[3]}',
                                   f'{root}/{val[0]}')
    _truncate(truncated)
    _garble(garbage)
    os.remove(missing)
    result = run_script(TOOL, FOLDER_CONFIG, *options)
    assert result.returncode == 2, result.stderr
    listed = _listed(result.stdout)
    assert list(listed) == [truncated, garbage, missing]
    assert listed[truncated].startswith('cannot be decoded: image file is truncated')
    assert listed[garbage] == 'not an image (PIL does not recognise its format)'
    assert listed[missing] == 'missing'
    assert '3 of 12 files of the train/val/test datasets' in result.stdout.splitlines()[-1]
    error = [line for line in result.stderr.splitlines() if line.startswith('error:')]
    assert error == [f'error: 3 of 12 files cannot be read; the first is {truncated} '
                     f'({listed[truncated]}): replace the file or take it out of the dataset']

    result = run_script(TOOL, FOLDER_CONFIG, *options, '--phase', 'val')
    assert result.returncode == 2 and list(_listed(result.stdout)) == [missing]
    assert 'error: 1 of 6 files cannot be read' in result.stderr


def test_voc_truncated_jpeg_and_garbage_file(tmp_path):
    """VOC2007 + VOC2012 trainval (RepeatDataset of a ConcatDataset) and VOC2007 test."""
    root = make_vocdevkit(tmp_path / 'VOCdevkit')
    truncated = f'{root}/VOC2007/JPEGImages/2007_00001.jpg'
    garbage = f'{root}/VOC2012/JPEGImages/2012_00002.jpg'
    _truncate(truncated)
    _garble(garbage)
    options = _data_roots(root, ['train_dataloader.dataset.dataset.datasets.0',
                                 'train_dataloader.dataset.dataset.datasets.1',
                                 'val_dataloader.dataset', 'test_dataloader.dataset'])
    result = run_script(TOOL, VOC_CONFIG, *options)
    assert result.returncode == 2, result.stderr
    listed = _listed(result.stdout)
    assert list(listed) == [truncated, garbage]
    assert 'truncated' in listed[truncated] and listed[garbage].startswith('not an image')
    assert result.stdout.splitlines()[-1].startswith('2 of 12 files of the train/val/test')
    assert result.stderr.count('error:') == 1
    assert f'error: 2 of 12 files cannot be read; the first is {truncated}' in result.stderr

    result = run_script(TOOL, VOC_CONFIG, *options, '--phase', 'val')
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('all 4 files of the val datasets of')


def test_segmentation_maps_are_read_and_sized_like_their_images(tmp_path):
    root = make_cityscapes(tmp_path / 'cityscapes', per_split=2)
    maps = sorted(str(p) for p in root.glob('gtFine/*/*/*.png'))  # train ..., val ...
    _garble(maps[-1])
    Image.new('L', (32, 16)).save(maps[0])
    options = _data_roots(root, [f'{p}_dataloader.dataset' for p in PHASES])
    result = run_script(TOOL, SEG_CONFIG, *options)
    assert result.returncode == 2, result.stderr
    listed = _listed(result.stdout)
    image = maps[0].replace('gtFine_labelTrainIds', 'leftImg8bit').replace('gtFine',
                                                                           'leftImg8bit')
    assert listed == {maps[0]: f"size 32x16 differs from its image's 128x64 ({image})",
                      maps[-1]: 'not an image (PIL does not recognise its format)'}
    assert 'error: 2 of 8 files cannot be read' in result.stderr


def test_a_phase_the_config_lacks_is_a_config_error(tmp_path):
    result = run_script(TOOL, FOLDER_CONFIG, '--phase', 'test',
                        '--cfg-options', 'test_dataloader=None')
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f'error: {FOLDER_CONFIG} has no test_dataloader with a dataset (it has: train, val)')


def test_datasets_without_files_are_checked_when_built(tmp_path):
    make_cifar10(tmp_path)
    result = run_script(TOOL, tiny_cifar10_config(tmp_path / 'cifar.py', tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith('list no files to read (CIFARPickleDataset: data '
                                          'loaded, and checked, when the dataset is built)')
