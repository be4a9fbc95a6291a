"""Draw a two-stage detector's RPN proposals next to its final detections, one PNG per image.

    python tools/vis_proposals.py CONFIG CKPT [IMG ...] [--sample-photos] --out-dir DIR \
        [--num-proposals 20] [--score-thr 0.3] [--device cpu]

Writes ``DIR/<image stem>.png`` (left: top-N proposals after NMS; right:
detections scoring at least --score-thr with class names and scores; 2 x
image width) and ``DIR/<image stem>.json`` (the boxes drawn). Works on any
image files; without any (or with --sample-photos) the real photographs that
installed packages ship are used (scikit-learn's china.jpg and flower.jpg,
matplotlib's grace_hopper.jpg). The proposals are the test-mode RPN output
(``model.test_cfg.rpn``): at most its ``max_per_img`` can be drawn.

Seed figures: 000-B ``--num-proposals 300`` (all of its 300 test proposals) on 4
VOC2007-test images; 002-B ``--num-proposals 100 --score-thr 0.3``.
"""
import argparse

from custom_modules.apps.detection.proposals import draw_proposals
from custom_modules.apps.detection.sample_photos import sample_photos
from custom_modules.apps.run.cli import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('images', nargs='*', help='image files')
    parser.add_argument('--sample-photos', action='store_true',
                        help='add the photographs installed packages ship (the default '
                             'when no image files are given)')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--num-proposals', type=int, default=20,
                        help='highest-scoring proposals drawn per image (default 20)')
    parser.add_argument('--score-thr', type=float, default=0.3,
                        help='draw detections scoring at least this (default 0.3)')
    parser.add_argument('--device', default='cpu')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        images = args.images + (sample_photos() if args.sample_photos else [])
        draw_proposals(args.config, args.checkpoint, images or sample_photos(), args.out_dir,
                       args.num_proposals, args.score_thr, args.device, args.allow_partial)


if __name__ == '__main__':
    main()
