"""Download and extract CUB-200-2011 (run on your machine; about 1.1 GB).

    python tools/data/download_cub.py [--root data]

Configs in configs/cub/ then read data/CUB_200_2011 (images/, images.txt,
image_class_labels.txt, train_test_split.txt, classes.txt).
"""
import argparse

from custom_modules.apps.data.archive import fetch_archive
from custom_modules.apps.user_errors import add_debug_arg, user_errors

URL = 'https://data.caltech.edu/records/65de6-vp158/files/CUB_200_2011.tgz'
MD5 = '97eceeb196236b17998738112f37df78'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--root', default='data')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        fetch_archive(URL, args.root, 'CUB_200_2011.tgz', MD5)
    print(f'CUB-200-2011 is in {args.root}/CUB_200_2011')


if __name__ == '__main__':
    main()
