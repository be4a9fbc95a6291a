"""Classify any images with a trained config + checkpoint and write a CSV of the top-k classes.

    python tools/predict.py CONFIG CHECKPOINT IMAGES_OR_FOLDER [...] [--topk 5] [--out preds.csv]

Folders are searched recursively for images. Unreadable files are skipped and
listed. Uses mmpretrain's ``ImageClassificationInferencer`` (the config's test
pipeline), on the GPU when there is one.
"""
import argparse

from custom_modules.apps.run.cli import add_allow_partial_arg
from custom_modules.apps.run.predict import predict_to_csv
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('inputs', nargs='+', help='image files and/or folders')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--out', default='predictions.csv')
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--device', default=None, help='default: cuda if available, else cpu')
    add_allow_partial_arg(parser)
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        predict_to_csv(args.config, args.checkpoint, args.inputs, args.out, args.topk,
                       args.batch_size, args.device, args.allow_partial)


if __name__ == '__main__':
    main()
