"""Bad input gives one clear `error:` line naming the thing, not a deep traceback."""
import os
import os.path as osp

import pytest

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import REPO, run_script, tiny_cifar10_config, write_config


def _assert_one_line_error(result, *needles):
    assert result.returncode == 2, result.stderr[-3000:]
    assert 'Traceback' not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith('error: '), last
    for needle in needles:
        assert needle in last, last


@pytest.fixture
def data_root(tmp_path):
    make_cifar10(tmp_path / 'data')
    return tmp_path / 'data'


def test_missing_config(tmp_path):
    result = run_script('tools/train.py', 'configs/no_such_config.py')
    _assert_one_line_error(result, 'config file configs/no_such_config.py does not exist')


def test_missing_data_folder(tmp_path):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'nowhere')
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'data folder {tmp_path / "nowhere"} does not exist')


def test_wrong_num_classes(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'),
                      '--cfg-options', 'model.head.num_classes=7')
    _assert_one_line_error(result, 'model.head.num_classes=7', 'has 10 classes')


def test_corrupt_data_file(tmp_path, data_root):
    batch = data_root / 'cifar-10-batches-py' / 'data_batch_3'
    batch.write_bytes(batch.read_bytes()[:100])
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'corrupt CIFAR file {batch}')


def test_missing_checkpoint_for_test(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/test.py', config, str(tmp_path / 'missing.pth'))
    _assert_one_line_error(result, 'missing.pth does not exist')


def _write_garbage(path, text=b'not a checkpoint, just some text\n' * 8):
    with open(path, 'wb') as f:
        f.write(text)
    return path


def test_debug_flag_adds_the_traceback(tmp_path):
    result = run_script('tools/train.py', 'configs/no_such_config.py', '--debug')
    assert result.returncode == 2
    assert 'Traceback' in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith('error: config file')


def test_config_with_a_syntax_error(tmp_path):
    bad = tmp_path / 'broken_cfg.py'
    bad.write_text("model = dict(type='ImageClassifier'\n")
    result = run_script('tools/train.py', str(bad))
    _assert_one_line_error(result, f'config {bad}: line 1', 'never closed')


@pytest.mark.parametrize('option, needles', [
    ('model.backbone.type=NoSuchNet', ["type 'NoSuchNet' is not registered", 'registry']),
    ('model.backbone.depthh=18', ["unexpected keyword argument 'depthh'"]),
    ('trian_cfg.max_epochs=3', ["--cfg-options trian_cfg.max_epochs", "has no 'trian_cfg'"]),
])
def test_config_keys_that_do_not_exist(tmp_path, data_root, option, needles):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'),
                        '--cfg-options', option)
    _assert_one_line_error(result, f'config {config}', *needles)


def test_work_dir_that_is_a_file(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    work_dir = tmp_path / 'results.txt'
    work_dir.write_text('kept\n')
    result = run_script('tools/train.py', config, '--work-dir', str(work_dir))
    _assert_one_line_error(result, f'work dir {work_dir} is a file')
    assert work_dir.read_text() == 'kept\n'


def test_work_dir_inside_a_file(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    (tmp_path / 'notes.txt').write_text('kept\n')
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'notes.txt' / 'w'))
    _assert_one_line_error(result, f'work dir {tmp_path / "notes.txt" / "w"}: cannot create it')
    assert (tmp_path / 'notes.txt').read_text() == 'kept\n'


@pytest.mark.skipif(os.geteuid() == 0, reason='root may write anywhere')
def test_work_dir_that_cannot_be_written(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    work_dir = tmp_path / 'readonly'
    work_dir.mkdir(mode=0o500)
    result = run_script('tools/train.py', config, '--work-dir', str(work_dir))
    _assert_one_line_error(result, f'work dir {work_dir}', 'no permission')


def test_checkpoint_that_is_not_a_checkpoint(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    fake = _write_garbage(tmp_path / 'model.pth')
    before = fake.read_bytes()
    result = run_script('tools/test.py', config, str(fake), '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'cannot read checkpoint {fake}', 'not a PyTorch checkpoint')
    assert fake.read_bytes() == before


def test_test_out_must_be_a_pickle(tmp_path, data_root):
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root)
    result = run_script('tools/test.py', config, str(_write_garbage(tmp_path / 'm.pth')),
                        '--out', str(tmp_path / 'preds.json'))
    _assert_one_line_error(result, f'--out {tmp_path / "preds.json"}', '.pkl')


def test_unreadable_image_met_in_a_dataloader_worker(tmp_path):
    from tests.helpers.image_data import make_cub
    make_cub(tmp_path / 'cub')
    bad = tmp_path / 'cub' / 'images' / '001.Bird_1' / 'Bird_1_0000.jpg'  # a training image
    _write_garbage(bad, b'\xff\xd8\xff\xe0 cut off')
    loader = dict(batch_size=4, num_workers=1, persistent_workers=False,
                  dataset=dict(data_root=str(tmp_path / 'cub')))
    config = write_config(tmp_path / 'cub_cfg.py',
                          osp.join(REPO, 'configs/cub/resnet18_1xb32-scratch_cub200.py'),
                          train_dataloader=loader, val_dataloader=loader, test_dataloader=loader,
                          train_cfg=dict(max_epochs=1))
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, f'cannot read image {bad}', 'verify_dataset.py')


def test_one_epoch_run_of_a_cifar100_config(tmp_path):
    """The config's step decay begins after the one-epoch warm-up; a one-epoch run leaves it
    out instead of failing in the scheduler."""
    from tests.helpers.cifar_data import make_cifar100
    make_cifar100(tmp_path / 'c100', per_class_train=2, per_class_test=1)
    data = str(tmp_path / 'c100')
    result = run_script(
        'tools/train.py', 'configs/cifar100/resnet18_1xb128_cifar100.py',
        '--work-dir', str(tmp_path / 'w'), '--cfg-options', 'train_cfg.max_epochs=1',
        f'train_dataloader.dataset.data_root={data}', f'val_dataloader.dataset.data_root={data}',
        'train_dataloader.dataset.check_md5=False', 'val_dataloader.dataset.check_md5=False',
        'train_dataloader.dataset.val_fraction=0.5', 'val_dataloader.dataset.val_fraction=0.5',
        'train_dataloader.num_workers=0', 'val_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False', 'val_dataloader.persistent_workers=False',
        'train_dataloader.dataset.indices=4', 'val_dataloader.dataset.indices=4')
    assert result.returncode == 0, result.stderr[-3000:]
    assert '1 parameter scheduler(s) start after epoch 1' in result.stdout
    assert (tmp_path / 'w' / 'epoch_1.pth').is_file()


def test_split_without_images(tmp_path):
    make_cifar10(tmp_path / 'data', per_class_train=1, per_class_test=1)  # 10% of 1: none
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'))
    _assert_one_line_error(result, "the 'val' split has no images", 'val_fraction=0.1')


def test_disk_that_fills_while_a_checkpoint_is_written(tmp_path, data_root, monkeypatch):
    import errno

    from custom_modules.plugins.engine import atomic_files
    real_fsync = atomic_files.os.fsync

    def full_for_epoch_2(fd):
        if osp.basename(os.readlink(f'/proc/self/fd/{fd}')).startswith('.epoch_2.pth.'):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic_files.os, 'fsync', full_for_epoch_2)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', data_root, max_epochs=2)
    work = tmp_path / 'w'
    result = run_script('tools/train.py', config, '--work-dir', str(work))
    _assert_one_line_error(result, f'cannot write {work / "epoch_2.pth"}', 'No space left')
    from mmengine.runner.checkpoint import _load_checkpoint
    assert (work / 'last_checkpoint').read_text() == str(work / 'epoch_1.pth')
    assert _load_checkpoint(str(work / 'epoch_1.pth'))['meta']['epoch'] == 1
    assert not [name for name in os.listdir(work) if name.endswith('.tmp')]
