"""Convert mmdet's COCO Faster R-CNN R50-caffe-C4 checkpoint to the VOC R50-C4 layout (000-B).

    python tools/convert_coco_c4_to_voc.py \
        faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth \
        [--out checkpoints/faster-rcnn_r50-caffe-c4_coco-to-voc.pth]

Download the input first (nothing is downloaded here):
https://download.openmmlab.com/mmdetection/v2.0/faster_rcnn/faster_rcnn_r50_caffe_c4_1x_coco/faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth
The output is what configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py
loads (load_from): backbone and stage 4 copied, the RPN reduced to the 9 anchors of scales
8/16/32 with softmax objectness, the RoI head reduced to the 20 VOC classes + background.
"""
import argparse

from custom_modules.apps.detection.convert_c4 import DEFAULT_OUT, convert_checkpoint
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('checkpoint', help='mmdet faster_rcnn_r50_caffe_c4_1x_coco_*.pth')
    parser.add_argument('--out', default=DEFAULT_OUT,
                        help=f'converted checkpoint (default: {DEFAULT_OUT})')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        summary = convert_checkpoint(args.checkpoint, args.out)
    print(f'wrote {summary["out"]}: {summary["tensors"]} tensors, classes '
          f'{", ".join(summary["classes"])} + background')


if __name__ == '__main__':
    main()
