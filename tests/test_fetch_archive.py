"""Dataset archive downloads: a failure is one error line saying what to do, not a traceback."""
import urllib.error

import mmpretrain.datasets.utils as mmpretrain_utils
import pytest

from custom_modules.apps.data.archive import fetch_archive
from custom_modules.errors import DataError
from tests.helpers.configs import run_cli


def _offline(*args, **kwargs):
    raise urllib.error.URLError('no route to host')


def test_failed_download_names_url_and_the_way_out(monkeypatch, tmp_path):
    monkeypatch.setattr(mmpretrain_utils, 'download_and_extract_archive', _offline)
    with pytest.raises(DataError, match=r'could not download .*x\.tgz.* put x\.tgz \(md5 ab\)'):
        fetch_archive('http://example.invalid/x.tgz', str(tmp_path), 'x.tgz', 'ab')


@pytest.mark.parametrize('tool', ['tools/data/download_cub.py', 'tools/data/download_cifar.py'])
def test_download_tools_exit_2_with_one_line(monkeypatch, tmp_path, capsys, tool):
    monkeypatch.setattr(mmpretrain_utils, 'download_and_extract_archive', _offline)
    assert run_cli(tool, '--root', tmp_path) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith('error: could not download')
