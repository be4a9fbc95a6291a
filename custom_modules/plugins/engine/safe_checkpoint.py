"""Checkpoint loading that keeps torch's safe (``weights_only``) unpickler on, for every file.

mmengine 0.10.7 calls ``torch.load`` without ``weights_only`` (for a URL, through
``torch.hub.load_state_dict_from_url``, which defaults to ``weights_only=False``),
so a checkpoint could run code while it is unpickled. This module and
:mod:`.safe_checkpoint_schemes` replace every loader mmengine's
``CheckpointLoader`` registers (local files, ``http(s)://``, ``torchvision://``,
``modelzoo://``, ``open-mmlab://``, ``openmmlab://``, ``mmcls://``, ``pavi://``,
``s3://``, ``petrel://``) with one that unpickles through :func:`safe_load`:
``load_from``, ``resume``, ``init_cfg=dict(type='Pretrained', ...)`` and the
tools' CHECKPOINT arguments all load safely, whatever the scheme.

Besides tensors, :func:`safe_load` allows exactly what checkpoints of mmengine
and of the OpenMMLab 1.x/2.x model zoo hold: python containers and scalars,
``OrderedDict`` with its ``_metadata``, mmengine's ``HistoryBuffer`` (which
pickles its statistics methods as ``getattr(HistoryBuffer, 'mean')``; ``getattr``
is allowed only as a stand-in returning those methods), and numpy arrays,
scalars and dtypes, also under the names numpy 1.x wrote
(``numpy.core.multiarray.scalar``). A refused global raises
:class:`UnsafeCheckpointError` naming the global and the file; tools print it as
one ``error:`` line.

Opting in to more globals: for a checkpoint you trust that needs another global,
set ``SAFE_LOAD_EXTRA_GLOBALS`` to the names the error gives, comma-separated::

    SAFE_LOAD_EXTRA_GLOBALS=argparse.Namespace python tools/train.py CONFIG ...

Each name is imported and allowed under exactly that name, for that load only;
safe loading stays on for everything else. Allow classes that only hold data:
unpickling calls what is allowed (functions such as ``os.system`` run code, and
torch blocks the modules ``os``, ``sys``, ``posix`` and ``nt`` whatever is set).
"""
import importlib
import io
import os
import os.path as osp
import pickle
import re
from typing import IO, Union

import numpy as np
import torch
from mmengine.logging.history_buffer import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader

from custom_modules.errors import ConfigError, DataError, UnsafeCheckpointError

EXTRA_GLOBALS_ENV = 'SAFE_LOAD_EXTRA_GLOBALS'
_HISTORY_BUFFER_METHODS = ('min', 'max', 'current', 'mean')
_REFUSED_GLOBAL = re.compile(r'GLOBAL (\S+)|Unsupported global: (getattr\(.*\))')


def history_buffer_method(obj, name):
    """Stand-in for ``builtins.getattr`` while unpickling: HistoryBuffer methods only."""
    if obj is HistoryBuffer and name in _HISTORY_BUFFER_METHODS:
        return getattr(HistoryBuffer, name)
    raise pickle.UnpicklingError(
        f'Unsupported global: getattr({getattr(obj, "__name__", obj)!r}, {name!r})')


_multiarray = np._core.multiarray
# Exactly what checkpoints (mmengine's meta/message_hub, mmcv 1.x meta) need besides tensors.
SAFE_GLOBALS = [
    (history_buffer_method, 'builtins.getattr'),
    HistoryBuffer,
    np.ndarray,
    np.dtype,
    _multiarray.scalar,
    _multiarray._reconstruct,
    # the same functions as numpy 1.x pickled them (meta written before numpy 2)
    (_multiarray.scalar, 'numpy.core.multiarray.scalar'),
    (_multiarray._reconstruct, 'numpy.core.multiarray._reconstruct'),
    *{type(np.dtype(name)) for name in
      ('float16', 'float32', 'float64', 'int32', 'int64', 'uint8', 'bool')},
]
torch.serialization.add_safe_globals(SAFE_GLOBALS)


def _import_global(name: str):
    """The object ``module.Name`` (or ``module.Class.attr``) names."""
    parts = name.split('.')
    for split in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module('.'.join(parts[:split]))
        except ImportError:
            continue
        try:
            for attr in parts[split:]:
                obj = getattr(obj, attr)
            return obj
        except AttributeError:
            break
    raise ConfigError(f'{EXTRA_GLOBALS_ENV} names {name!r}, which cannot be imported '
                      '(expected module.Name, comma-separated)')


def extra_globals() -> list:
    """The globals ``SAFE_LOAD_EXTRA_GLOBALS`` opts in to, as (object, name) pairs."""
    names = [name.strip() for name in os.environ.get(EXTRA_GLOBALS_ENV, '').split(',')]
    return [(_import_global(name), name) for name in names if name]


def safe_load(source: Union[str, IO[bytes]], name: str, map_location=None):
    """``torch.load(source, weights_only=True)`` with the allowlist and the opt-in globals;
    failures become one-line errors about ``name`` (the file, or the URL and its cache)."""
    allowed = extra_globals()
    try:
        with torch.serialization.safe_globals(allowed):
            return torch.load(source, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as e:
        found = _REFUSED_GLOBAL.search(str(e))
        if found is None:  # not a refused global: the bytes are not a checkpoint
            raise _not_a_checkpoint(name, e) from None
        refused = found[1] or found[2]
        allow = ('' if found[2] or 'is blocked' in str(e) else
                 f'; if you trust this file and {refused} is a class that only holds data, '
                 f'allow exactly it with {EXTRA_GLOBALS_ENV}={refused}')
        raise UnsafeCheckpointError(
            f'refusing to load checkpoint {name}: it needs the global {refused}, which safe '
            f'loading does not allow (unpickling it could run code){allow}') from None
    except RuntimeError as e:
        if 'legacy .tar format' in str(e):
            raise DataError(
                f'cannot read checkpoint {name}: it is in torch\'s legacy .tar format, which '
                'safe loading cannot read; if you trust it, re-save it with a current torch '
                '(torch.save(torch.load(f, weights_only=False), out))') from None
        raise _not_a_checkpoint(name, e) from None
    except Exception as e:  # noqa: BLE001 (any failure to parse the bytes)
        raise _not_a_checkpoint(name, e) from None


def _not_a_checkpoint(name: str, error: Exception) -> DataError:
    lines = str(error).splitlines() or [type(error).__name__]
    first = next((line.strip() for line in lines if 'WeightsUnpickler error' in line), lines[0])
    return DataError(f'cannot read checkpoint {name}: not a PyTorch checkpoint, or '
                     f'truncated or corrupt ({type(error).__name__}: {first[:200]})')


def safe_load_bytes(data: bytes, name: str, map_location=None):
    """:func:`safe_load` of a checkpoint held in memory (object stores)."""
    with io.BytesIO(data) as buffer:
        return safe_load(buffer, name, map_location)


@CheckpointLoader.register_scheme(prefixes='', force=True)
def safe_load_local(filename, map_location=None):
    """Load a local checkpoint safely (mmengine's scheme '')."""
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint {filename} does not exist')
    return safe_load(filename, filename, map_location)


load_local_checkpoint_safely = safe_load_local  # the name tools import
