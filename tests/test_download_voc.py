"""tools/data/download_voc.py: download (from a local HTTP server), md5 check, safe extraction."""
import functools
import hashlib
import http.server
import io
import os
import os.path as osp
import tarfile
import threading

import pytest

from custom_modules.apps.data import voc_download
from custom_modules.errors import DataError
from tests.helpers.configs import run_cli
from tests.helpers.voc_data import make_vocdevkit


def _md5(path):
    return hashlib.md5(open(path, 'rb').read()).hexdigest()


@pytest.fixture()
def mirror(tmp_path):
    """The three official tars' layouts, built from generated data, with their md5s."""
    make_vocdevkit(tmp_path / 'src' / 'VOCdevkit', per_split=2)
    tool = voc_download
    archives = []
    os.makedirs(tmp_path / 'mirror' / 'voc2007')
    os.makedirs(tmp_path / 'mirror' / 'voc2012')
    for year, rel, _, expected in tool.ARCHIVES:
        split = expected[0].split('/')[-1].replace('.txt', '')
        tar_path = tmp_path / 'mirror' / rel
        with tarfile.open(tar_path, 'w') as tar:
            year_dir = tmp_path / 'src' / 'VOCdevkit' / f'VOC{year}'
            names = open(year_dir / 'ImageSets' / 'Main' / f'{split}.txt').read().split()
            tar.add(year_dir / 'ImageSets' / 'Main' / f'{split}.txt', f'VOCdevkit/{expected[0]}')
            for n in names:
                for sub, ext in (('JPEGImages', 'jpg'), ('Annotations', 'xml')):
                    tar.add(year_dir / sub / f'{n}.{ext}', f'VOCdevkit/VOC{year}/{sub}/{n}.{ext}')
        archives.append((year, rel, _md5(tar_path), expected))
    return tool, tmp_path / 'mirror', archives


def _serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_download_verify_extract_then_datasets_read_it(mirror, tmp_path):
    tool, folder, archives = mirror
    root = tmp_path / 'data'
    os.makedirs(root)
    (root / 'VOCtest_06-Nov-2007.tar.part').write_bytes(b'stale bytes of an interrupted download')
    server = _serve(folder)
    try:
        devkit = tool.prepare(str(root), mirror=f'http://127.0.0.1:{server.server_port}',
                              archives=archives)
    finally:
        server.shutdown()
    assert not list(root.glob('*.tar*'))  # downloads removed after extraction
    from custom_modules.plugins.datasets import CheckedVOCDataset
    for year, split in (('2007', 'trainval'), ('2007', 'test'), ('2012', 'trainval')):
        dataset = CheckedVOCDataset(data_root=devkit,
                                    ann_file=f'VOC{year}/ImageSets/Main/{split}.txt',
                                    data_prefix=dict(sub_data_root=f'VOC{year}/'), pipeline=[],
                                    test_mode=True)
        assert len(dataset) == 2 and dataset.get_data_info(0)['instances']
    # a second run finds everything extracted and downloads nothing
    assert tool.prepare(str(root), mirror='http://127.0.0.1:9', archives=archives) == devkit


def test_from_dir_cli_and_md5_mismatch(mirror, tmp_path, monkeypatch, capsys):
    tool, folder, archives = mirror
    flat = tmp_path / 'tars'
    os.makedirs(flat)
    for _, rel, _, _ in archives:
        os.link(folder / rel, flat / osp.basename(rel))
    monkeypatch.setattr(tool, 'ARCHIVES', archives)
    assert run_cli('tools/data/download_voc.py', '--root', tmp_path / 'a', '--from-dir', flat,
                   '--years', '2007') == 0
    devkit = str(tmp_path / 'a' / 'VOCdevkit')
    assert osp.isfile(osp.join(devkit, 'VOC2007', 'ImageSets', 'Main', 'test.txt'))
    assert not osp.exists(osp.join(devkit, 'VOC2012'))
    bad = [(y, r, '0' * 32, e) for y, r, _, e in archives]
    monkeypatch.setattr(tool, 'ARCHIVES', bad)
    assert run_cli('tools/data/download_voc.py', '--root', tmp_path / 'b', '--from-dir', flat) == 2
    assert 'VOCtrainval_06-Nov-2007.tar: md5' in capsys.readouterr().err


def test_unsafe_tar_member_is_refused(tmp_path):
    tar_path = tmp_path / 'evil.tar'
    with tarfile.open(tar_path, 'w') as tar:
        info = tarfile.TarInfo('../outside.txt')
        info.size = 3
        tar.addfile(info, io.BytesIO(b'bad'))
    with pytest.raises(DataError, match="refusing unsafe member '../outside.txt'"):
        voc_download.safe_extract(str(tar_path), str(tmp_path / 'root'))
    assert not (tmp_path / 'outside.txt').exists()
