"""Run one or more detectors on the same images; one grid PNG per image (one panel per model).

    python tools/compare_detectors.py --model CFG CKPT [--model CFG CKPT ...] \
        [--images IMG [IMG ...] | --sample-photos] --out-dir DIR [--score-thr 0.3] \
        [--nms-iou 0.3] [--max-boxes 300] [--names A B ...] [--device cpu]

Any image files work (VOC or not); without --images (or with --sample-photos)
the real photographs that installed packages ship are used: scikit-learn's
china.jpg and flower.jpg, matplotlib's grace_hopper.jpg. Each panel shows one
model's boxes scoring at least --score-thr with class names and scores,
titled with the model's name (default: config file name). --nms-iou and
--max-boxes replace the models' class-wise NMS IoU and boxes per image
(default: each config's test_cfg). Writes ``DIR/<image stem>.png`` and
``DIR/<image stem>.json`` (each model's boxes, labels, scores and the
post-processing it ran with).

Seed figures: 002-C vs 002-B ``--score-thr 0.3``; 000-B ``--score-thr 0.5
--nms-iou 0.3``; 000-C ``--score-thr 0.3 --nms-iou 0.4 --max-boxes 300``.
"""
import argparse

from custom_modules.apps.detection.compare import compare_detectors
from custom_modules.apps.detection.sample_photos import sample_photos
from custom_modules.apps.run.cli import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a detector; repeat for more')
    parser.add_argument('--images', nargs='+', default=[], help='image files')
    parser.add_argument('--sample-photos', action='store_true',
                        help='add the photographs installed packages ship (the default '
                             'when no --images are given)')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--names', nargs='+', help='panel titles, one per --model')
    parser.add_argument('--score-thr', type=float, default=0.3,
                        help='draw boxes scoring at least this (default 0.3)')
    parser.add_argument('--nms-iou', type=float,
                        help='class-wise NMS IoU threshold of the final boxes '
                             '(default: the config\'s)')
    parser.add_argument('--max-boxes', type=int,
                        help='final boxes per image at most (default: the config\'s)')
    parser.add_argument('--cols', type=int, default=0, help='panels per row (default: all)')
    parser.add_argument('--device', default='cpu')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        images = args.images + (sample_photos() if args.sample_photos else [])
        compare_detectors(args.model, images, args.out_dir, args.names, args.score_thr,
                          args.cols, args.device, args.allow_partial, nms_iou=args.nms_iou,
                          max_boxes=args.max_boxes)


if __name__ == '__main__':
    main()
