"""Measure Cityscapes models on CamVid test frames: per-class IoU and mIoU per model.

CamVid's 32 colour-coded classes (``*_L.png`` label images) are mapped onto the
19 Cityscapes train ids with a mapping CSV (default
``configs/cityscapes/camvid_to_cityscapes.csv``); unmapped classes are ignored and
mIoU is the mean over the Cityscapes classes some CamVid class maps to.
Expected layout (the CamVid release as commonly distributed, e.g. on Kaggle):

    ROOT/test/0001TP_008550.png         ROOT/test_labels/0001TP_008550_L.png

    python tools/eval_camvid.py data/camvid \\
        --model configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py pspnet.pth
"""
import argparse

from custom_modules.apps.run.cli import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors
from custom_modules.apps.video.camvid_run import DEFAULT_MAPPING, eval_camvid


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    add_debug_arg(parser)
    parser.add_argument('root', help='CamVid folder')
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a Cityscapes mmseg model; repeat to compare models')
    parser.add_argument('--images', default='test', help='image folder under ROOT (default test)')
    parser.add_argument('--labels', default='test_labels',
                        help='colour label folder under ROOT (default test_labels)')
    parser.add_argument('--label-suffix', default='_L',
                        help='label file = <image stem><suffix>.png (default _L)')
    parser.add_argument('--mapping', default=DEFAULT_MAPPING, help='CamVid -> Cityscapes CSV')
    parser.add_argument('--batch-size', type=int, default=2)
    parser.add_argument('--device', help='default: cuda when available')
    parser.add_argument('--max-images', type=int, help='evaluate only the first N images')
    parser.add_argument('--out-dir', default='work_dirs/eval_camvid',
                        help='where camvid_miou.md and camvid_miou.csv go')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        eval_camvid(args.root, args.model, args.images, args.labels, args.label_suffix,
                    args.mapping, args.batch_size, args.device, args.max_images, args.out_dir,
                    args.allow_partial)


if __name__ == '__main__':
    main()
