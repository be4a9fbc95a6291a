"""`make demo`: a complete small experiment on real data shipped with scikit-learn.

1. writes scikit-learn's digits in the CIFAR-10 python format (as tools/data/digits_to_cifar.py);
2. trains configs/demo/resnet18-w16-cifar_1xb32_digits.py (as tools/train.py would);
3. evaluates the best-validation checkpoint on the held-out test batch (as tools/test.py);
4. writes work_dirs/demo/results.{md,csv} and curves.png (TensorBoard logs are in
   work_dirs/demo/<timestamp>/vis_data).
All in this process (custom_modules/apps/demo/classification.py).
"""
import argparse
import sys

from custom_modules.apps.demo.classification import run_demo
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--work-dir', default='work_dirs/demo')
    parser.add_argument('--data-root', default='data/digits_cifar')
    parser.add_argument('--min-top1', type=float, default=95.0,
                        help='fail if test top-1 is below this')
    parser.add_argument('--cfg-options', nargs='*', default=[],
                        help='config overrides (key=value) for training and test')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        failure = run_demo(args.work_dir, args.data_root, args.min_top1, args.cfg_options)
    if failure:
        print(failure, file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
