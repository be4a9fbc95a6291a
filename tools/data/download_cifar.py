"""Download and extract the official CIFAR-10 / CIFAR-100 python release (run on your machine).

    python tools/data/download_cifar.py --variant cifar100 --root data/cifar100

The archive's md5 is checked; configs then read ``<root>/cifar-100-python``.
"""
import argparse

from mmpretrain.datasets import CIFAR10, CIFAR100

from custom_modules.apps.data.archive import fetch_archive
from custom_modules.apps.user_errors import add_debug_arg, user_errors

OFFICIAL = {'cifar10': CIFAR10, 'cifar100': CIFAR100}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--variant', choices=sorted(OFFICIAL), default='cifar100')
    parser.add_argument('--root', default=None, help='data root (default data/<variant>)')
    args = parser.parse_args(argv)
    official = OFFICIAL[args.variant]
    root = args.root or f'data/{args.variant}'
    with user_errors(args.debug):
        fetch_archive(official.url, root, official.filename, official.tgz_md5)
    print(f'{args.variant} is in {root}/{official.base_folder}')


if __name__ == '__main__':
    main()
