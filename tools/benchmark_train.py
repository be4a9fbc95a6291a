"""Training images/s of a config through mmengine's Runner vs a plain PyTorch loop.

Synthetic data of the config's input shape and class count; both sides use
the config's model and optimizer at the same batch size, precision and memory
format, alternating in one process; prints both medians and the ratio
Runner/plain (target >= 0.95). Classification, detection and segmentation configs.

    python tools/benchmark_train.py CONFIG [--device cpu|cuda] [--amp] [--channels-last]
        [--compile] [--batch-size N] [--iters N] [--warmup N] [--repeats N]
"""
import argparse

import torch
from mmengine.config import DictAction

from custom_modules.apps.benchmarks.train_throughput import runner_vs_plain
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='training config file')
    parser.add_argument('--device', choices=['cpu', 'cuda'],
                        default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--amp', action='store_true',
                        help='bfloat16 autocast where supported, else float16 (as train.py)')
    parser.add_argument('--channels-last', action='store_true',
                        help='model and batches in the channels-last memory format')
    parser.add_argument('--compile', action='store_true', help='torch.compile the model')
    parser.add_argument('--batch-size', type=int, help="default: the config's")
    parser.add_argument('--image-size', type=int,
                        help='side of the synthetic images (default: from the config)')
    parser.add_argument('--iters', type=int, default=20, help='timed iterations per run')
    parser.add_argument('--warmup', type=int, default=3, help='untimed iterations first')
    parser.add_argument('--repeats', type=int, default=3, help='runs of each side')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. model.backbone.depth=50')
    add_debug_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug, args.config):
        runner_vs_plain(args.config, args.repeats, device=args.device, amp=args.amp,
                        channels_last=args.channels_last, compile=args.compile,
                        batch_size=args.batch_size, iters=args.iters, warmup=args.warmup,
                        image_size=args.image_size, cfg_options=args.cfg_options)


if __name__ == '__main__':
    main()
