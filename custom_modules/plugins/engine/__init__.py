"""Engine-level fixes for mmengine 0.10.7 on modern torch (safe loading, atomic writes)."""
from .atomic_local_backend import AtomicLocalBackend
from .safe_checkpoint import SAFE_GLOBALS, load_local_checkpoint_safely

__all__ = ['AtomicLocalBackend', 'SAFE_GLOBALS', 'load_local_checkpoint_safely']
