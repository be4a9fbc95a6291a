"""Runner overhead of the demo config: ``tools/benchmark_train.py`` on the demo config.

Kept for its old command line; any config: ``tools/benchmark_train.py CONFIG``.

    python tools/benchmark_runner.py [--iters 30] [--warmup 5] [--repeats 3] [--device cpu|cuda]
"""
import argparse
import os.path as osp

import torch

from custom_modules.apps.benchmarks.train_throughput import runner_vs_plain
from custom_modules.apps.run.config import REPO_ROOT
from custom_modules.apps.user_errors import add_debug_arg, user_errors

DEMO = osp.join(REPO_ROOT, 'configs/demo/resnet18-w16-cifar_1xb32_digits.py')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--iters', type=int, default=30)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--device', choices=['cpu', 'cuda'],
                        default='cuda' if torch.cuda.is_available() else 'cpu')
    add_debug_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug, DEMO):
        runner_vs_plain(DEMO, args.repeats, device=args.device, iters=args.iters,
                        warmup=args.warmup)


if __name__ == '__main__':
    main()
