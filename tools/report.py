"""Result tables and curves from ``work_dirs/``, the way the CIFAR experiments are reported.

    python tools/report.py [--work-root work_dirs] [--out work_dirs/report] [--match 'resnet18*']

Reads each ``<work dir>/test_metrics.json`` (written by tools/run_matrix.py:
test set, best-validation checkpoint) and writes
- ``results.md`` / ``results.csv``: rows = backbones, columns = methods,
  cells = ``top-1 err / top-5 err`` (%); ``runs.csv``: one row per run;
- ``curves/<run>.png`` (training loss, validation top-1) per run and
  ``curves/<backbone>.png`` with the backbone's runs overlaid.
"""
import argparse

from custom_modules.apps.matrix_report import report
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--out', default=None, help='default: <work-root>/report')
    parser.add_argument('--match', default='*', help='only work dirs whose name matches')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        report(args.work_root, args.out, args.match)


if __name__ == '__main__':
    main()
