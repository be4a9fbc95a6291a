"""A Ray session for the drivers that run work on Ray (PBT search, the experiment matrix).

A local instance (``num_cpus`` CPU slots, no dashboard), or an existing cluster
at ``address`` (e.g. ``auto`` after ``ray start``). The repo root goes on the
workers' ``PYTHONPATH`` so that configs importing ``tests.helpers``/repo
modules resolve; on a multi-node cluster the repo must be at the same path on
every node (a shared file system), as the configs and work dirs must.
"""
import contextlib
import os
from typing import Optional

from .config import REPO_ROOT


@contextlib.contextmanager
def ray_session(address: Optional[str] = None, num_cpus: Optional[int] = None,
                env_vars: Optional[dict] = None):
    """``ray.init`` (no usage-stats calls), the ``ray`` module inside, ``ray.shutdown`` after."""
    os.environ.setdefault('RAY_USAGE_STATS_ENABLED', '0')  # no network calls
    import ray
    runtime_env = {'env_vars': {'PYTHONPATH': REPO_ROOT, **(env_vars or {})}}
    if address:
        ray.init(address=address, runtime_env=runtime_env)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, runtime_env=runtime_env)
    try:
        yield ray
    finally:
        ray.shutdown()
