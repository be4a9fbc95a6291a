"""Checkpoint URLs without the network: a folder served on 127.0.0.1 from a thread, and
torch's hub cache (where URLs are downloaded to) under a test's tmp_path; a checkpoint
that would run code when unpickled."""
import contextlib
import functools
import http.server
import os
import threading

import torch


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    timeout = 10.0  # seconds per connection: a stuck client cannot hang a test

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve_folder(folder):
    """Serve ``folder`` at ``http://127.0.0.1:PORT`` (yielded) until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs=dict(poll_interval=0.05),
                              daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}'
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def hub_cache(tmp_path, monkeypatch):
    """Point torch's hub cache ($TORCH_HOME/hub/checkpoints, where mmengine's URL, torchvision://,
    open-mmlab:// and mmcls:// checkpoints are downloaded to and found again) and
    $MMENGINE_HOME into ``tmp_path``; returns the cache folder. A file placed there under
    the URL's file name is loaded without downloading."""
    monkeypatch.setenv('TORCH_HOME', str(tmp_path / 'torch'))
    monkeypatch.setenv('MMENGINE_HOME', str(tmp_path / 'mmengine'))
    monkeypatch.setattr(torch.hub, '_hub_dir', None)
    cache = tmp_path / 'torch' / 'hub' / 'checkpoints'
    cache.mkdir(parents=True)
    (tmp_path / 'mmengine').mkdir()
    return cache


class _RunsCode:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f'touch {self.marker}',))


def malicious_checkpoint(folder):
    """``folder/evil.pth``: a checkpoint whose unpickling would create ``folder/code_ran``;
    returns (its path, the marker path)."""
    marker = folder / 'code_ran'
    path = folder / 'evil.pth'
    torch.save({'state_dict': {'w': torch.zeros(1)}, 'meta': {'x': _RunsCode(marker)}}, path)
    return str(path), marker
