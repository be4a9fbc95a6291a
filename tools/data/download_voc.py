"""Download and extract Pascal VOC 2007 (trainval + test) and 2012 (trainval) into data/VOCdevkit.

    python tools/data/download_voc.py [--root data] [--years 2007 2012] [--keep-tars]
    python tools/data/download_voc.py --from-dir DIR   # tars you already have (no download)

About 3.6 GB of tars (VOC2007 439 MB + 431 MB, VOC2012 1.9 GB). Downloads
resume where an interrupted one stopped (HTTP range requests into
``<name>.part``); each tar's md5 is checked before it is extracted; members
that would land outside the root are refused. Afterwards
``data/VOCdevkit/VOC2007/{Annotations,JPEGImages,ImageSets/Main/{trainval,test}.txt}``
and ``data/VOCdevkit/VOC2012/...`` are what configs/voc/ read.
"""
import argparse

from custom_modules.apps.data.voc_download import MIRROR, prepare
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--root', default='data', help='VOCdevkit/ is created in here')
    parser.add_argument('--years', nargs='+', default=['2007', '2012'], choices=['2007', '2012'])
    parser.add_argument('--from-dir', help='take the tars from this folder instead of downloading')
    parser.add_argument('--keep-tars', action='store_true', help='keep downloaded tars')
    parser.add_argument('--mirror', default=MIRROR, help='base URL of the VOC archives')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        devkit = prepare(args.root, args.years, args.from_dir, args.keep_tars, args.mirror)
        print(f'Pascal VOC is in {devkit}')
    return devkit


if __name__ == '__main__':
    main()
