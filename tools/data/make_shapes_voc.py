"""Generate the shapes detection demo dataset in the Pascal VOC layout.

    python tools/data/make_shapes_voc.py [--out data/shapes_voc] [--train 1000] [--test 250]

Circles, squares and triangles on noisy backgrounds, written as
``<out>/VOCdevkit/VOC2007`` (see ``custom_modules/apps/data/shapes_voc.py``).
The same ``--seed`` gives the same files.
"""
import argparse

from custom_modules.apps.data.shapes_voc import make_dataset
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--out', default='data/shapes_voc', help='output data root '
                        '(VOCdevkit/VOC2007 is written inside it)')
    parser.add_argument('--train', type=int, default=1000, help='number of trainval images')
    parser.add_argument('--test', type=int, default=250, help='number of test images')
    parser.add_argument('--size', type=int, default=128, help='image side in pixels')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    if args.train < 1 or args.test < 1 or args.size < 64:
        parser.error('--train and --test must be >= 1 and --size >= 64')
    with user_errors(args.debug):
        make_dataset(args.out, args.train, args.test, args.seed, args.size)


if __name__ == '__main__':
    main()
