"""Run a list or glob of configs one after another: train, then test the best checkpoint.

    python tools/run_matrix.py 'configs/cifar100/*.py' [--gpus 4] [--cfg-options k=v ...]
    python tools/run_matrix.py 'configs/cifar100/*.py' --ray [--address auto] \
        [--gpus-per-run 0.25]    # as Ray tasks, several at once

A config whose work dir already has test_metrics.json is skipped; one with a
``last_checkpoint`` is resumed; others start fresh. Work dirs follow the
OpenMMLab layout (``work_dirs/<config name>``); ``tools/report.py`` reads them.
With ``--ray`` each config is a Ray task on a local Ray instance
(``--num-cpus`` slots) or the cluster at ``--address``, one CPU slot and
``--gpus-per-run`` GPUs per run; work dirs, skipping and resuming as above.
Exit code 2 for bad input, 1 when a run failed (the others still run).
"""
import argparse
import sys

from custom_modules.apps.run.matrix import run_matrix
from custom_modules.apps.run.matrix_ray import run_matrix_on_ray
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('configs', nargs='+', help='config files or glob patterns')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--gpus', type=int, default=1, help='> 1: through tools/dist_train.sh')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every run')
    ray = parser.add_argument_group('Ray', 'run the configs as tasks on a Ray cluster')
    ray.add_argument('--ray', action='store_true', help='one Ray task per config')
    ray.add_argument('--address', help='an existing cluster (e.g. auto); default: a local one')
    ray.add_argument('--num-cpus', type=int, help='CPU slots of the local instance')
    ray.add_argument('--gpus-per-run', type=float,
                     help='GPUs per run, <= 1 (default: 1 if the cluster has GPUs, else 0)')
    args = parser.parse_args(argv)
    if not args.ray and (args.address or args.num_cpus or args.gpus_per_run is not None):
        parser.error('--address, --num-cpus and --gpus-per-run need --ray')
    if args.ray and args.gpus != 1:
        parser.error('--gpus is for sequential runs; with --ray use --gpus-per-run')
    with user_errors(args.debug):
        if args.ray:
            failed = run_matrix_on_ray(args.configs, args.work_root, args.cfg_options,
                                       args.address, args.num_cpus, args.gpus_per_run)
        else:
            failed = run_matrix(args.configs, args.work_root, args.gpus, args.cfg_options)
    if failed:
        print(f'error: {len(failed)} run(s) failed: {", ".join(failed)}', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
