"""`make demo-det`: a complete small detection experiment on generated VOC-format data.

1. writes a VOC2007-layout dataset of circles, squares and triangles on
   textured backgrounds (as tools/data/make_shapes_voc.py), unless it is there;
2. trains configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py from scratch
   (as tools/train.py would);
3. tests the last checkpoint on the test split (as tools/test.py; VOC mAP at
   IoU 0.5, per class, from the config's VOCMetricWithTable evaluators);
4. writes work_dirs/demo_det/results.{md,csv} (per-class gts, dets, recall and
   AP in the 11-point and area modes, and mAP), curves.png (training loss and
   validation mAP) and, as tools/vis_proposals.py does, the RPN proposals next
   to the final detections for the first 4 test images in
   work_dirs/demo_det/proposals, printing for each how many of its shapes were
   found with the right class (IoU >= 0.5).
All in this process (custom_modules/apps/demo/detection.py). It exits non-zero
if the test mAP (11-point) is below --min-map.
"""
import argparse
import sys

from custom_modules.apps.demo.detection import NUM_PICTURES, run_demo_det
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--work-dir', default='work_dirs/demo_det')
    parser.add_argument('--data-root', default='data/shapes_voc')
    parser.add_argument('--train-images', type=int, default=900)
    parser.add_argument('--test-images', type=int, default=200)
    parser.add_argument('--seed', type=int, default=0, help='data generation seed')
    parser.add_argument('--epochs', type=int, help='override the config\'s max_epochs '
                        '(also the end of its cosine schedule)')
    parser.add_argument('--min-map', type=float, default=0.85,
                        help='fail if the test mAP (IoU 0.5, 11-point) is below this')
    parser.add_argument('--cfg-options', nargs='*', default=[],
                        help='config overrides (key=value) for training and test')
    args = parser.parse_args(argv)
    if args.train_images < 1 or args.test_images < NUM_PICTURES:
        parser.error(f'--train-images must be >= 1 and --test-images >= {NUM_PICTURES}')
    with user_errors(args.debug):
        failure = run_demo_det(args.work_dir, args.data_root, args.train_images,
                               args.test_images, args.seed, args.epochs, args.min_map,
                               args.cfg_options)
    if failure:
        print(failure, file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
