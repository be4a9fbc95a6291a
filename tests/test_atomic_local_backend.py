"""Local writes are atomic: a write that dies midway leaves the old file intact."""
import os

import pytest
from mmengine.fileio import get_file_backend

import custom_modules  # noqa: F401
from custom_modules.plugins.engine import AtomicLocalBackend
from custom_modules.plugins.engine.atomic_local_backend import atomic_write_bytes


def test_local_backend_is_replaced(tmp_path):
    assert isinstance(get_file_backend(str(tmp_path / 'x.pth')), AtomicLocalBackend)


def test_put_and_put_text_write_whole_files(tmp_path):
    backend = AtomicLocalBackend()
    backend.put(b'abc', tmp_path / 'sub' / 'a.bin')
    backend.put_text('epoch_3.pth', tmp_path / 'last_checkpoint')
    assert (tmp_path / 'sub' / 'a.bin').read_bytes() == b'abc'
    assert (tmp_path / 'last_checkpoint').read_text() == 'epoch_3.pth'


def test_failed_write_keeps_old_content_and_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / 'last_checkpoint'
    target.write_text('epoch_1.pth')

    def dies(fd):
        raise KeyboardInterrupt('killed while saving')

    monkeypatch.setattr(os, 'fsync', dies)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(b'epoch_2.p', target)
    assert target.read_text() == 'epoch_1.pth'
    assert os.listdir(tmp_path) == ['last_checkpoint']
