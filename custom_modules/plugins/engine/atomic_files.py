"""Atomic file writes for everything this repo writes: temporary file, fsync, rename.

A run killed (or a disk that fills) while writing leaves the previous file
whole and no partial one; the new file gets the permissions a plain ``open()``
would give it (``tempfile.mkstemp`` makes 0600 files, unreadable to the group
on a shared cluster). Three spellings of the same thing:

- :func:`atomic_write_bytes` for bytes in memory,
- :func:`atomic_open` for code that writes through a file object (``csv``, ``json.dump``),
- :func:`atomic_path` for libraries that take a file name (``savefig``,
  ``cv2.imwrite``, ``cv2.VideoWriter``): they write to a temporary name with the
  same extension, renamed over the target when the block ends without an error.

An ``OSError`` on the way (disk full, quota, permissions) becomes an
:class:`~custom_modules.errors.OutputError` naming the file.
"""
import contextlib
import os
import os.path as osp
import tempfile
from pathlib import Path
from typing import Union

from custom_modules.errors import OutputError

PathLike = Union[str, Path]


def plain_open_mode() -> int:
    """The mode ``open(path, 'w')`` gives a new file: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _cannot_write(filepath: str, error: OSError) -> OutputError:
    kept = 'the previous file is unchanged' if osp.exists(filepath) else 'nothing was written'
    return OutputError(f'cannot write {filepath}: {error.strerror or error}; {kept}')


@contextlib.contextmanager
def atomic_path(filepath: PathLike, keep_extension: bool = True):
    """Yield a temporary path next to ``filepath``, ``.<name>.<random>.tmp`` (plus the
    extension of ``filepath`` with ``keep_extension``, for libraries that choose the
    format by it); publish it as ``filepath`` when the block succeeds."""
    filepath = str(filepath)
    name = osp.basename(filepath)
    suffix = '.tmp' + (osp.splitext(name)[1] if keep_extension else '')
    try:
        folder = osp.dirname(osp.abspath(filepath))
        os.makedirs(folder, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(dir=folder, prefix=f'.{name}.', suffix=suffix)
        os.close(fd)
    except OSError as e:
        raise _cannot_write(filepath, e) from e
    try:
        yield tmp_path
        with open(tmp_path, 'rb+') as f:
            os.fsync(f.fileno())
        os.chmod(tmp_path, plain_open_mode())
        os.replace(tmp_path, filepath)
    except OSError as e:  # disk full, quota, permissions: say which file, keep the old one
        raise _cannot_write(filepath, e) from e
    finally:
        if osp.exists(tmp_path):
            os.remove(tmp_path)


@contextlib.contextmanager
def atomic_open(filepath: PathLike, mode: str = 'w', **kwargs):
    """``open(filepath, mode, **kwargs)`` whose file appears only when the block succeeds."""
    if not mode.startswith('w'):
        raise ValueError(f'atomic_open writes new files only, not mode {mode!r}')
    with atomic_path(filepath, keep_extension=False) as tmp_path, \
            open(tmp_path, mode, **kwargs) as f:
        yield f


def atomic_write_bytes(data: bytes, filepath: PathLike) -> None:
    """Write ``data`` to ``filepath`` so that it appears complete or not at all."""
    with atomic_open(filepath, 'wb') as f:
        f.write(data)
        f.flush()


def atomic_write_text(text: str, filepath: PathLike, encoding: str = 'utf-8') -> None:
    """Write ``text`` to ``filepath`` so that it appears complete or not at all."""
    atomic_write_bytes(text.encode(encoding), filepath)
