"""Every checkpoint scheme mmengine registers unpickles safely: a code-running pickle is
refused (and its code does not run) whether it comes from a URL (a local HTTP server),
torch's hub cache (torchvision://, open-mmlab://, mmcls://), $MMENGINE_HOME, pavi or an
object store; plain checkpoints still load, URLs are cached as torch caches them."""
import os
import sys

import pytest
import torch

import custom_modules  # noqa: F401  (installs the safe loaders)
from custom_modules.errors import DataError, UnsafeCheckpointError
from tests.helpers.checkpoint_server import hub_cache, malicious_checkpoint, serve_folder
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


def _cached_name(urls, name):
    return os.path.basename(urls[name])


def _place_for_scheme(scheme, tmp_path, monkeypatch, source):
    """Arrange for ``scheme`` to find the bytes of ``source``; returns the checkpoint name to
    load and the file name the error must give."""
    from mmengine.runner import checkpoint as mm

    from custom_modules.plugins.engine import safe_checkpoint_schemes as schemes
    cache = hub_cache(tmp_path, monkeypatch)
    data = open(source, 'rb').read()
    named = {'torchvision://': (mm.get_torchvision_models, 'resnet18'),
             'modelzoo://': (mm.get_torchvision_models, 'resnet50'),
             'open-mmlab://': (mm.get_external_models, 'darknet53'),
             'openmmlab://': (mm.get_external_models, 'detectron/resnet50_caffe'),
             'mmcls://': (mm.get_mmcls_models, 'resnet50')}
    if scheme in named:
        urls, name = named[scheme]
        cached = cache / _cached_name(urls(), name)
        cached.write_bytes(data)
        return scheme + name, str(cached)
    if scheme == 'open-mmlab-home://':  # open-mmlab name mapped to a file in $MMENGINE_HOME
        home = tmp_path / 'mmengine'
        (home / 'open_mmlab.json').write_text('{"mine": "weights/mine.pth"}')
        (home / 'weights').mkdir()
        (home / 'weights' / 'mine.pth').write_bytes(data)
        return 'open-mmlab://mine', str(home / 'weights' / 'mine.pth')
    if scheme in ('s3://', 'petrel://'):
        class Backend:
            def get(self, filepath):
                return data
        monkeypatch.setattr(schemes, 'get_file_backend', lambda *args, **kwargs: Backend())
        return f'{scheme}bucket/evil.pth', f'{scheme}bucket/evil.pth'
    if scheme == 'pavi://':
        class Model:
            name = 'evil.pth'

            def download(self, path):
                open(path, 'wb').write(data)
        modelcloud = type('modelcloud', (), {'get': staticmethod(lambda path: Model())})
        monkeypatch.setitem(sys.modules, 'pavi', type(sys)('pavi'))
        monkeypatch.setattr(sys.modules['pavi'], 'modelcloud', modelcloud, raising=False)
        return 'pavi://project/evil.pth', 'pavi://project/evil.pth'
    raise ValueError(scheme)


SCHEMES = ['torchvision://', 'modelzoo://', 'open-mmlab://', 'openmmlab://', 'mmcls://',
           'open-mmlab-home://', 's3://', 'petrel://', 'pavi://']


def test_every_registered_scheme_is_replaced():
    from mmengine.runner.checkpoint import CheckpointLoader
    loaders = CheckpointLoader._schemes
    assert {'', 'http://', 'https://', 'torchvision://', 'modelzoo://', 'open-mmlab://',
            'openmmlab://', 'mmcls://', 'pavi://', r'(\S+\:)?s3://',
            r'(\S+\:)?petrel://'} <= set(loaders)
    assert {f.__module__ for f in loaders.values()} == {
        'custom_modules.plugins.engine.safe_checkpoint',
        'custom_modules.plugins.engine.safe_checkpoint_schemes'}


@pytest.mark.parametrize('scheme', SCHEMES)
def test_code_running_checkpoint_is_refused_for_every_scheme(scheme, tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import _load_checkpoint
    path, marker = malicious_checkpoint(tmp_path)
    name, file_named = _place_for_scheme(scheme, tmp_path, monkeypatch, path)
    with pytest.raises(UnsafeCheckpointError) as refused:
        _load_checkpoint(name)
    message = str(refused.value)
    assert 'needs the global posix.system' in message and file_named in message
    assert 'SAFE_LOAD_EXTRA_GLOBALS' not in message  # torch blocks os/posix whatever is set
    assert not marker.exists()


@pytest.mark.parametrize('scheme', SCHEMES)
def test_plain_checkpoint_loads_for_every_scheme(scheme, tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import _load_checkpoint
    path = tmp_path / 'plain.pth'
    torch.save({'state_dict': {'backbone.w': torch.full((2,), 3.0)}, 'meta': {'epoch': 1}},
               path, _use_new_zipfile_serialization=False)
    name, _ = _place_for_scheme(scheme, tmp_path, monkeypatch, path)
    loaded = _load_checkpoint(name)
    if scheme == 'mmcls://':  # mmengine keeps the backbone, without its prefix
        assert list(loaded) == ['state_dict'] and torch.equal(loaded['state_dict']['w'],
                                                               torch.full((2,), 3.0))
    else:
        assert torch.equal(loaded['state_dict']['backbone.w'], torch.full((2,), 3.0))


def test_url_is_downloaded_once_into_torch_cache_and_loaded_safely(tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import _load_checkpoint
    cache = hub_cache(tmp_path, monkeypatch)
    served = tmp_path / 'served'
    served.mkdir()
    torch.save({'state_dict': {'w': torch.ones(3)}}, served / 'good.pth')
    evil, marker = malicious_checkpoint(served)
    with serve_folder(served) as root:
        assert torch.equal(_load_checkpoint(f'{root}/good.pth')['state_dict']['w'],
                           torch.ones(3))
        with pytest.raises(UnsafeCheckpointError,
                           match=f'{root}/evil.pth \\(cached as {cache / "evil.pth"}\\): '
                                 'it needs the global posix.system'):
            _load_checkpoint(f'{root}/evil.pth')
    assert not marker.exists()
    assert (cache / 'good.pth').read_bytes() == (served / 'good.pth').read_bytes()
    # the server is gone: the cached copy is loaded, not downloaded again
    assert torch.equal(_load_checkpoint(f'{root}/good.pth')['state_dict']['w'], torch.ones(3))


def test_unreachable_url_and_unknown_model_name_are_one_line_errors(tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import _load_checkpoint
    hub_cache(tmp_path, monkeypatch)
    with serve_folder(tmp_path) as root:
        pass  # the port is free again
    with pytest.raises(DataError, match=f'cannot download checkpoint {root}/x.pth: '):
        _load_checkpoint(f'{root}/x.pth')
    with pytest.raises(DataError, match="knows no torchvision:// model 'resnet19'"):
        _load_checkpoint('torchvision://resnet19')


def test_legacy_zip_of_one_file_from_a_url_loads_safely(tmp_path, monkeypatch):
    """torch.hub unpacks a zip holding one torch < 1.6 file; it is unpickled safely too."""
    import zipfile

    from mmengine.runner.checkpoint import _load_checkpoint
    cache = hub_cache(tmp_path, monkeypatch)
    torch.save({'w': torch.ones(2)}, tmp_path / 'inner.pth',
               _use_new_zipfile_serialization=False)
    with zipfile.ZipFile(cache / 'zipped.pth', 'w') as archive:
        archive.write(tmp_path / 'inner.pth', 'inner.pth')
    assert torch.equal(_load_checkpoint('http://127.0.0.1:9/zipped.pth')['w'], torch.ones(2))
    evil, marker = malicious_checkpoint(tmp_path)
    with zipfile.ZipFile(cache / 'evil.zip.pth', 'w') as archive:
        archive.write(evil, 'evil.pth')
    with pytest.raises(UnsafeCheckpointError, match='evil.zip.pth'):
        _load_checkpoint('http://127.0.0.1:9/evil.zip.pth')
    assert not marker.exists()


def test_init_cfg_pretrained_url_is_refused(tmp_path, monkeypatch):
    from mmengine.model import BaseModule
    hub_cache(tmp_path, monkeypatch)
    path, marker = malicious_checkpoint(tmp_path)
    with serve_folder(tmp_path) as root:
        module = BaseModule(init_cfg=dict(type='Pretrained', checkpoint=f'{root}/evil.pth'))
        with pytest.raises(UnsafeCheckpointError, match='evil.pth'):
            module.init_weights()
    assert not marker.exists()


def test_train_cli_refuses_load_from_url_with_one_line(tmp_path, monkeypatch):
    hub_cache(tmp_path, monkeypatch)
    path, marker = malicious_checkpoint(tmp_path)
    make_cifar10(tmp_path / 'data', per_class_train=2, per_class_test=1)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    with serve_folder(tmp_path) as root:
        result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'),
                            '--cfg-options', f'load_from={root}/evil.pth')
    assert result.returncode == 2, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f'error: refusing to load checkpoint {root}/evil.pth (cached as ')
    assert 'posix.system' in last and 'Traceback' not in result.stderr
    assert not marker.exists()
