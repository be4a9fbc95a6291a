"""Run two or more detectors on the same images; one grid PNG per image (one panel per model).

    python tools/compare_detectors.py --model CFG CKPT --model CFG CKPT [...] \
        --images IMG [IMG ...] --out-dir DIR [--score-thr 0.3] [--names A B ...] [--device cpu]

Any image files work (VOC or not). Each panel shows one model's boxes with
class names and scores, titled with the model's name (default: config
file name). Writes ``DIR/<image stem>.png`` and ``DIR/<image stem>.json``
(each model's boxes, labels and scores).
"""
import argparse

from custom_modules.apps.detection.compare import compare_detectors
from custom_modules.apps.launch import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a detector; give two or more')
    parser.add_argument('--images', nargs='+', required=True)
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--names', nargs='+', help='panel titles, one per --model')
    parser.add_argument('--score-thr', type=float, default=0.3)
    parser.add_argument('--cols', type=int, default=0, help='panels per row (default: all)')
    parser.add_argument('--device', default='cpu')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        compare_detectors(args.model, args.images, args.out_dir, args.names, args.score_thr,
                          args.cols, args.device, args.allow_partial)


if __name__ == '__main__':
    main()
