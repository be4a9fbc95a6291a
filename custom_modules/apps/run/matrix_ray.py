"""The experiment matrix on a Ray cluster (``tools/run_matrix.py --ray``).

Each unfinished config is one Ray task running :func:`.matrix.run_one` (the
sequential matrix's skip/resume/train/test) in a worker process, with one CPU
slot and ``gpus_per_run`` GPUs (a fraction packs several small runs on one
GPU; none on a cluster without GPUs). Work dirs, metrics and failures are as
in the sequential matrix; one line is printed per finished run.
"""
import os
from typing import List, Optional, Sequence, Tuple

from custom_modules.errors import UserInputError

from .matrix import Run, finished, plan, run_one, skip_line
from .ray_cluster import ray_session

CPUS_PER_RUN = 1


def _run_in_worker(run: Run, cfg_options: Sequence[str], cwd: str) -> Tuple[bool, str]:
    """One run in a Ray worker: the driver's cwd (configs' relative data paths) and as many
    torch threads as the task has CPU slots."""
    import torch
    os.chdir(cwd)
    torch.set_num_threads(CPUS_PER_RUN)
    return run_one(run, cfg_options)


def _gpus_per_run(ray, requested: Optional[float]) -> float:
    """``requested`` checked against the cluster; by default 1 if it has GPUs, else 0."""
    has_gpus = ray.cluster_resources().get('GPU', 0) > 0
    if requested is None:
        return 1.0 if has_gpus else 0.0
    if requested > 0 and not has_gpus:
        raise UserInputError(f'--gpus-per-run {requested:g}: the Ray cluster has no GPU')
    return requested


def run_matrix_on_ray(patterns: Sequence[str], work_root: str = 'work_dirs',
                      cfg_options: Sequence[str] = (), address: Optional[str] = None,
                      num_cpus: Optional[int] = None,
                      gpus_per_run: Optional[float] = None, max_retries: int = 0) -> List[str]:
    """Train and test every unfinished config of ``patterns`` as Ray tasks; the names that
    failed. ``max_retries``: how often Ray reruns a task whose worker process died (the
    rerun resumes from the run's last checkpoint)."""
    if gpus_per_run is not None and not 0 <= gpus_per_run <= 1:
        raise UserInputError(f'--gpus-per-run must be in [0, 1], not {gpus_per_run:g}')
    runs = plan(patterns, work_root, cfg_options, absolute=True)
    for run in filter(finished, runs):
        print(skip_line(run), flush=True)
    todo = [run for run in runs if not finished(run)]
    if not todo:
        return []
    failed = []
    with ray_session(address, num_cpus) as ray:
        gpus = _gpus_per_run(ray, gpus_per_run)
        task = ray.remote(_run_in_worker).options(num_cpus=CPUS_PER_RUN, num_gpus=gpus,
                                                   max_retries=max_retries)
        print(f'Ray: {len(todo)} run(s), {CPUS_PER_RUN} CPU slot and {gpus:g} GPU each, on '
              f'{ray.cluster_resources()}', flush=True)
        pending = {task.remote(run, list(cfg_options), os.getcwd()): run for run in todo}
        while pending:
            [ref], _ = ray.wait(list(pending), num_returns=1)
            run = pending.pop(ref)
            try:
                ok, line = ray.get(ref)
            except ray.exceptions.RayError as e:  # the worker died (killed, out of memory)
                ok, line = False, f'{run.prefix}: FAILED ({type(e).__name__}: {e})'
            print(line, flush=True)
            if not ok:
                failed.append(run)
    return [run.name for run in todo if run in failed]
