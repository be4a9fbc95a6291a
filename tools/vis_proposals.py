"""Draw a two-stage detector's RPN proposals next to its final detections, one PNG per image.

    python tools/vis_proposals.py CONFIG CKPT IMG [IMG ...] --out-dir DIR \
        [--num-proposals 20] [--score-thr 0.3] [--device cpu]

Writes ``DIR/<image stem>.png`` (left: top-N proposals after NMS; right:
detections with class names and scores; 2 x image width) and
``DIR/<image stem>.json`` (the boxes drawn). Works on any image files.
"""
import argparse
import os.path as osp
import sys


from custom_modules.errors import UserInputError
from custom_modules.apps.launch import user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('images', nargs='+', help='image files')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--num-proposals', type=int, default=20)
    parser.add_argument('--score-thr', type=float, default=0.3)
    parser.add_argument('--device', default='cpu')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        for path in [args.config, args.checkpoint, *args.images]:
            if not osp.isfile(path):
                raise UserInputError(f'{path} does not exist')
        from mmengine.utils import ProgressBar
        from custom_modules.plugins.visualization import (detections_of, load_detector, predict_images,
                                                  write_proposal_png)
        model = load_detector(args.config, args.checkpoint, args.device)
        if not getattr(model, 'with_rpn', False):
            raise UserInputError(f'{args.config}: {type(model).__name__} has no RPN; '
                                 'proposals need a two-stage detector (e.g. Faster R-CNN)')
        classes = model.dataset_meta.get('classes', ())
        bar = ProgressBar(len(args.images))
        written = []
        for path, image, sample, proposals in predict_images(model, args.images,
                                                             max(1, args.num_proposals)):
            out = osp.join(args.out_dir, osp.splitext(osp.basename(path))[0] + '.png')
            write_proposal_png(out, image, proposals[:args.num_proposals],
                               detections_of(sample.pred_instances, classes, args.score_thr))
            written.append(out)
            bar.update()
        print(f'\nwritten: {len(written)} PNGs (+ JSON boxes) in {args.out_dir}')
        return written


if __name__ == '__main__':
    main()
