"""Download and extract the official CIFAR-10 / CIFAR-100 python release (run on your machine).

    python tools/data/download_cifar.py --variant cifar100 --root data/cifar100

The archive's md5 is checked; configs then read ``<root>/cifar-100-python``.
"""
import argparse

from mmpretrain.datasets import CIFAR10, CIFAR100
from mmpretrain.datasets.utils import download_and_extract_archive

OFFICIAL = {'cifar10': CIFAR10, 'cifar100': CIFAR100}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--variant', choices=sorted(OFFICIAL), default='cifar100')
    parser.add_argument('--root', default=None, help='data root (default data/<variant>)')
    args = parser.parse_args()
    official = OFFICIAL[args.variant]
    root = args.root or f'data/{args.variant}'
    download_and_extract_archive(official.url, download_root=root,
                                 filename=official.filename, md5=official.tgz_md5)
    print(f'{args.variant} is in {root}/{official.base_folder}')


if __name__ == '__main__':
    main()
