"""Runner overhead: training images/s of the demo model through mmengine's Runner vs a plain loop.

Both sides train the same model (the demo config's ResNet-18) with the same
batch size and optimizer on the same in-memory images; the plain loop feeds
pre-normalised tensors to backbone -> pooling -> fc with cross-entropy. The
two are measured alternately in one process (machines are noisy) and the
median ratio Runner / plain is printed. Target: >= 0.95. A second reference,
the plain loop calling ``loss.item()`` every iteration as logging loops do
(mmengine's Runner logs every iteration, which syncs a GPU), is printed too.

    python tools/benchmark_runner.py [--iters 30] [--repeats 3] [--device cpu|cuda]
"""
import argparse
import os.path as osp

import torch

from custom_modules.apps.benchmarks.runner_overhead import REPO, runner_vs_plain


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--iters', type=int, default=30)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--data-root', default=osp.join(REPO, 'data/digits_cifar'))
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    args = parser.parse_args(argv)
    runner_vs_plain(args.data_root, args.iters, args.warmup, args.repeats, args.device)


if __name__ == '__main__':
    main()
