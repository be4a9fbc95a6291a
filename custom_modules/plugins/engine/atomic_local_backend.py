"""Atomic local file writes for checkpoints and ``last_checkpoint``.

mmengine's ``LocalBackend.put`` opens the destination with ``'wb'`` and writes
into it, so a run killed while saving leaves a truncated checkpoint (or a
truncated ``last_checkpoint`` pointer) behind. This backend writes to a
temporary file in the same folder, fsyncs it and ``os.replace``s it over the
destination (:mod:`.atomic_files`), so readers only ever see the old file or
the complete new one.
It replaces the ``'local'`` backend (prefix ``''``) when the package is imported.
"""
from pathlib import Path
from typing import Union

from mmengine.fileio.backends import LocalBackend, register_backend

from .atomic_files import atomic_write_bytes

__all__ = ['AtomicLocalBackend', 'atomic_write_bytes']


class AtomicLocalBackend(LocalBackend):
    """``LocalBackend`` whose ``put``/``put_text`` replace files atomically."""

    def put(self, obj: bytes, filepath: Union[str, Path]) -> None:
        atomic_write_bytes(obj, filepath)

    def put_text(self, obj: str, filepath: Union[str, Path],
                 encoding: str = 'utf-8') -> None:
        atomic_write_bytes(obj.encode(encoding), filepath)


register_backend('local', AtomicLocalBackend, force=True, prefixes='')
