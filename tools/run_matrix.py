"""Run a list or glob of configs one after another: train, then test the best checkpoint.

    python tools/run_matrix.py 'configs/cifar100/*.py' [--gpus 4] [--cfg-options k=v ...]

A config whose work dir already has test_metrics.json is skipped; one with a
``last_checkpoint`` is resumed; others start fresh. Work dirs follow the
OpenMMLab layout (``work_dirs/<config name>``); ``tools/report.py`` reads them.
Exit code 2 for bad input, 1 when a run failed (the others still run).
"""
import argparse
import sys

from custom_modules.apps.matrix import run_matrix
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('configs', nargs='+', help='config files or glob patterns')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--gpus', type=int, default=1, help='> 1: through tools/dist_train.sh')
    parser.add_argument('--cfg-options', nargs='+', default=[], help='passed to every run')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        failed = run_matrix(args.configs, args.work_root, args.gpus, args.cfg_options)
    if failed:
        print(f'error: {len(failed)} run(s) failed: {", ".join(failed)}', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
