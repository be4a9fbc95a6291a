"""Every file the repo writes appears whole or not at all, with plain-open() permissions."""
import errno
import os
import stat

import pytest

from custom_modules.errors import OutputError
from custom_modules.plugins.engine import atomic_files
from custom_modules.plugins.engine.atomic_files import (
    atomic_open,
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
)


@pytest.fixture
def umask():
    def set_umask(value):
        old.append(os.umask(value))
    old = []
    yield set_umask
    if old:
        os.umask(old[0])


@pytest.mark.parametrize('mask, mode', [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_files_get_the_mode_plain_open_would_give(tmp_path, umask, mask, mode):
    umask(mask)
    atomic_write_text('x', tmp_path / 'a.txt')
    with atomic_path(tmp_path / 'b.png') as tmp:
        assert tmp.endswith('.png') and os.path.dirname(tmp) == str(tmp_path)
        with open(tmp, 'wb') as f:
            f.write(b'png')
    with open(tmp_path / 'plain', 'w'):
        pass
    for name in ('a.txt', 'b.png', 'plain'):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode, name


def test_error_in_the_block_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / 'runs.csv'
    target.write_text('old,table\n')
    with pytest.raises(ValueError), atomic_open(target, newline='') as f:
        f.write('half a ')
        raise ValueError('dies midway')
    assert target.read_text() == 'old,table\n'
    assert os.listdir(tmp_path) == ['runs.csv']


def test_disk_full_is_one_output_error_naming_the_file(tmp_path, monkeypatch):
    target = tmp_path / 'epoch_3.pth'
    target.write_bytes(b'complete old checkpoint')

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_files.os, 'fsync', disk_full)
    with pytest.raises(OutputError) as error:
        atomic_write_bytes(b'new', target)
    assert str(error.value) == (f'cannot write {target}: No space left on device; '
                                'the previous file is unchanged')
    assert target.read_bytes() == b'complete old checkpoint'
    assert os.listdir(tmp_path) == ['epoch_3.pth']


def test_folder_that_is_a_file_is_an_output_error(tmp_path):
    (tmp_path / 'work').write_text('a file, not a folder')
    with pytest.raises(OutputError, match=r'cannot write .*work/results\.md: .*nothing was'):
        atomic_write_text('| a |', tmp_path / 'work' / 'results.md')


def test_append_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not mode 'a'"), atomic_open(tmp_path / 'x', 'a'):
        pass
