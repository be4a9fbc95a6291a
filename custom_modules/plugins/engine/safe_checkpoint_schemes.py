"""mmengine's remote checkpoint schemes, unpickling with :func:`.safe_checkpoint.safe_load`.

mmengine 0.10.7 registers, besides local files: ``http://``/``https://`` (through
``torch.hub.load_state_dict_from_url``, ``weights_only=False``); ``torchvision://``
and ``modelzoo://``, ``open-mmlab://``/``openmmlab://`` and ``mmcls://`` (names
looked up in mmengine's model-zoo lists, then loaded as URLs or, for
open-mmlab, a file under ``$MMENGINE_HOME``); ``pavi://``; ``s3://`` and
``petrel://`` (optionally ``backend:s3://``). Each is registered again here with
``force=True``: names, downloads and the cache stay mmengine's and torch's (the
file lands in ``torch.hub.get_dir()/checkpoints``, i.e. ``$TORCH_HOME/hub/checkpoints``,
with torch's progress bar, and is not downloaded again); only the unpickling
changes. Loader names start with ``safe_load_`` (10 characters, as ``load_from_``)
so that mmengine's "Loads checkpoint by <scheme> backend" line reads as before.
"""
import os
import os.path as osp
import sys
import urllib.error
import zipfile
from tempfile import TemporaryDirectory
from urllib.parse import urlparse

import torch
from mmengine.dist import get_dist_info
from mmengine.fileio import get_file_backend
from mmengine.logging import print_log
from mmengine.runner.checkpoint import (
    CheckpointLoader,
    _get_mmengine_home,
    _process_mmcls_checkpoint,
    get_deprecated_model_names,
    get_external_models,
    get_mmcls_models,
    get_torchvision_models,
)

from custom_modules.errors import DataError

from .safe_checkpoint import safe_load, safe_load_bytes, safe_load_local


def cached_download(url: str, model_dir=None, progress: bool = True) -> str:
    """The local copy of ``url`` in torch's hub cache, downloaded first if absent (what
    ``torch.hub.load_state_dict_from_url`` does before it unpickles)."""
    if model_dir is None:
        model_dir = osp.join(torch.hub.get_dir(), 'checkpoints')
    os.makedirs(model_dir, exist_ok=True)
    cached = osp.join(model_dir, osp.basename(urlparse(url).path))
    if not osp.exists(cached):
        sys.stdout.write(f'Downloading: "{url}" to {cached}\n')
        try:
            torch.hub.download_url_to_file(url, cached, None, progress=progress)
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, 'reason', None) or e
            raise DataError(f'cannot download checkpoint {url}: {reason}') from None
    return cached


def _load_cached(url: str, cached: str, map_location):
    name = f'{url} (cached as {cached})'
    if zipfile.is_zipfile(cached):
        with zipfile.ZipFile(cached) as archive:
            members = archive.infolist()
            if len(members) == 1 and not members[0].is_dir():  # torch's legacy zip of one file
                return safe_load_bytes(archive.read(members[0]), name, map_location)
    return safe_load(cached, name, map_location)


@CheckpointLoader.register_scheme(prefixes=('http://', 'https://'), force=True)
def safe_load_http(filename, map_location=None, model_dir=None, progress=os.isatty(0)):
    """A URL: downloaded once into torch's hub cache (rank 0 first), loaded safely."""
    rank, world_size = get_dist_info()
    if rank == 0:
        cached = cached_download(filename, model_dir, progress)
    if world_size > 1:
        torch.distributed.barrier()  # the other ranks find rank 0's download
        if rank > 0:
            cached = cached_download(filename, model_dir, progress)
    return _load_cached(filename, cached, map_location)


def _model_url(urls: dict, name: str, scheme: str) -> str:
    if name not in urls:
        raise DataError(f'checkpoint {scheme}{name}: mmengine knows no {scheme} model {name!r}')
    return urls[name]


@CheckpointLoader.register_scheme(prefixes=('modelzoo://', 'torchvision://'), force=True)
def safe_load_torchvision(filename, map_location=None):
    """``torchvision://NAME`` (``modelzoo://`` is its deprecated spelling)."""
    scheme = 'modelzoo://' if filename.startswith('modelzoo://') else 'torchvision://'
    url = _model_url(get_torchvision_models(), filename[len(scheme):], scheme)
    return safe_load_http(url, map_location=map_location)


@CheckpointLoader.register_scheme(prefixes=('open-mmlab://', 'openmmlab://'), force=True)
def safe_load_openmmlab(filename, map_location=None):
    """``open-mmlab://NAME``: a URL, or a file under ``$MMENGINE_HOME`` (open_mmlab.json)."""
    scheme = 'open-mmlab://' if filename.startswith('open-mmlab://') else 'openmmlab://'
    name = filename[len(scheme):]
    deprecated = get_deprecated_model_names()
    if name in deprecated:
        print_log(f'{scheme}{name} is deprecated in favor of {scheme}{deprecated[name]}',
                  logger='current')
        name = deprecated[name]
    url = _model_url(get_external_models(), name, scheme)
    if url.startswith(('http://', 'https://')):
        return safe_load_http(url, map_location=map_location)
    return safe_load_local(osp.join(_get_mmengine_home(), url), map_location)


@CheckpointLoader.register_scheme(prefixes='mmcls://', force=True)
def safe_load_mmcls(filename, map_location=None):
    """``mmcls://NAME``: the URL's checkpoint, backbone keys without ``backbone.``."""
    url = _model_url(get_mmcls_models(), filename[len('mmcls://'):], 'mmcls://')
    return _process_mmcls_checkpoint(safe_load_http(url, map_location=map_location))


@CheckpointLoader.register_scheme(prefixes='pavi://', force=True)
def safe_load_pavi(filename, map_location=None):
    """``pavi://PATH`` (OpenMMLab's model cloud): downloaded to a temporary folder."""
    try:
        from pavi import modelcloud
    except ImportError:
        raise ImportError('Please install pavi to load checkpoint from modelcloud.') from None
    model = modelcloud.get(filename[len('pavi://'):])
    with TemporaryDirectory() as tmp_dir:
        downloaded = osp.join(tmp_dir, model.name)
        model.download(downloaded)
        return safe_load(downloaded, filename, map_location)


@CheckpointLoader.register_scheme(prefixes=[r'(\S+\:)?s3://', r'(\S+\:)?petrel://'],
                                  force=True)
def safe_load_ceph(filename, map_location=None, backend='petrel'):
    """``s3://`` / ``petrel://`` object storage, read into memory."""
    file_backend = get_file_backend(filename, backend_args={'backend': backend})
    return safe_load_bytes(file_backend.get(filename), filename, map_location)
