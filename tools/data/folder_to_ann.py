"""Turn a folder of class folders (``animals/cat/*.jpg``) into mmpretrain annotation files.

    python tools/data/folder_to_ann.py data/animals [--val-fraction 0.2] [--seed 0]
                                       [--split shuffle|per-class] [--out DIR]

Writes ``classes.txt`` (one class per line, sorted; labels follow this order),
``train.txt`` and ``val.txt`` (``<class>/<path> <label>`` per line, images in
nested folders of a class included) into the folder, all three or none.
``--split shuffle`` (default, report 003's split): one global seeded shuffle
of all images, the first 80 % for training and the last 20 % for validation
(not stratified); ``--split per-class``: 20 % of each class held out. Prints
how many images each class has and refuses unreadable images: they are left
out and listed with their paths. A class folder without a readable image is
an error.
"""
import argparse
import sys

from custom_modules.apps.data.folder_ann import SPLITS, write_annotations
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('root', help='folder containing one sub-folder of images per class')
    parser.add_argument('--val-fraction', type=float, default=0.2)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--split', choices=SPLITS, default='shuffle',
                        help='one global shuffle (default) or a per-class split')
    parser.add_argument('--out', help='where to write the files (default: root)')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        result = write_annotations(args.root, args.val_fraction, args.seed, args.out,
                                   mode=args.split)
    for name in result['classes']:
        print(f'{name}: {len(result["images"][name])} images')
    print(f'{len(result["classes"])} classes, {len(result["train"])} train / '
          f'{len(result["val"])} val images ({args.split} split) -> {result["out"]}')
    if result['unreadable']:
        print(f'refused {len(result["unreadable"])} unreadable image(s):', file=sys.stderr)
        for path in result['unreadable']:
            print(f'  {path}', file=sys.stderr)


if __name__ == '__main__':
    main()
