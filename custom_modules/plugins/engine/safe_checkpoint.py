"""Checkpoint loading that keeps torch's safe (``weights_only``) unpickler on.

mmengine 0.10.7 calls ``torch.load`` without ``weights_only``; since torch 2.6
that means safe loading, which rejects the few non-tensor objects mmengine's
own checkpoints hold (its ``HistoryBuffer``, which pickles its statistics methods
as ``getattr(HistoryBuffer, 'mean')``, and numpy scalars in ``message_hub``).
Turning safe loading off (``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD``) would let a
malicious checkpoint run code. Instead this module allowlists exactly those
types (``getattr`` only as a stand-in that returns HistoryBuffer's statistics
methods and nothing else) and replaces mmengine's local-file loader with one that
loads with ``weights_only=True`` and turns a refusal into a clear
:class:`UnsafeCheckpointError` naming the file and the offending global.
"""
import os.path as osp
import pickle

import numpy as np
import torch
from mmengine.logging.history_buffer import HistoryBuffer
from mmengine.runner.checkpoint import CheckpointLoader

from custom_modules.errors import DataError, UnsafeCheckpointError

_HISTORY_BUFFER_METHODS = ('min', 'max', 'current', 'mean')


def history_buffer_method(obj, name):
    """Stand-in for ``builtins.getattr`` while unpickling: HistoryBuffer methods only."""
    if obj is HistoryBuffer and name in _HISTORY_BUFFER_METHODS:
        return getattr(HistoryBuffer, name)
    raise pickle.UnpicklingError(
        f'Unsupported global: getattr({getattr(obj, "__name__", obj)!r}, {name!r})')


# Exactly what mmengine's checkpoints (meta/message_hub) need besides tensors.
SAFE_GLOBALS = [
    (history_buffer_method, 'builtins.getattr'),
    HistoryBuffer,
    np.ndarray,
    np.dtype,
    np._core.multiarray.scalar,
    np._core.multiarray._reconstruct,
    *{type(np.dtype(name)) for name in
      ('float16', 'float32', 'float64', 'int32', 'int64', 'uint8', 'bool')},
]
torch.serialization.add_safe_globals(SAFE_GLOBALS)


@CheckpointLoader.register_scheme(prefixes='', force=True)
def load_local_checkpoint_safely(filename, map_location=None):
    """Load a local checkpoint with ``weights_only=True`` (mmengine's scheme '')."""
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint {filename} does not exist')
    try:
        return torch.load(filename, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as e:
        reason = str(e).split('\n')
        detail = next((line.strip() for line in reason if 'GLOBAL' in line
                       or 'Unsupported global' in line), None)
        if detail is None:  # not a refused global: the bytes are not a checkpoint
            raise _not_a_checkpoint(filename, e) from None
        raise UnsafeCheckpointError(
            f'refusing to load checkpoint {filename}: it is not plain tensors '
            f'and data that safe loading allows ({detail}); only load '
            f'checkpoints from sources you trust') from None
    except Exception as e:  # noqa: BLE001 (any failure to parse the bytes)
        raise _not_a_checkpoint(filename, e) from None


def _not_a_checkpoint(filename: str, error: Exception) -> DataError:
    first = (str(error).splitlines() or [type(error).__name__])[0]
    return DataError(f'cannot read checkpoint {filename}: not a PyTorch checkpoint, or '
                     f'truncated or corrupt ({type(error).__name__}: {first[:200]})')
