"""Write scikit-learn's digits (1,797 real 8x8 scans, 10 classes) in the CIFAR-10 python format.

Each image is scaled to 32x32 (bilinear), replicated to RGB and stored as
``cifar-10-batches-py/{data_batch_1..5,test_batch,batches.meta}`` with a
stratified, seeded test split, so the demo exercises the exact CIFAR loader.
"""
import argparse

from custom_modules.apps.data.digits import convert
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--out', default='data/digits_cifar', help='output data root')
    parser.add_argument('--test-fraction', type=float, default=0.2)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        convert(args.out, args.test_fraction, args.seed)


if __name__ == '__main__':
    main()
