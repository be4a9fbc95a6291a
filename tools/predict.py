"""Classify any images with a trained config + checkpoint and write a CSV of the top-k classes.

    python tools/predict.py CONFIG CHECKPOINT IMAGES_OR_FOLDER [...] [--topk 5] [--out preds.csv]

Folders are searched recursively for images. Unreadable files are skipped and
listed. Uses mmpretrain's ``ImageClassificationInferencer`` (the config's test
pipeline), on the GPU when there is one.
"""
import argparse

from custom_modules.apps.launch import user_errors
from custom_modules.apps.predict import predict_to_csv


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('inputs', nargs='+', help='image files and/or folders')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--out', default='predictions.csv')
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--device', default=None, help='default: cuda if available, else cpu')
    args = parser.parse_args(argv)
    with user_errors():
        predict_to_csv(args.config, args.checkpoint, args.inputs, args.out, args.topk,
                       args.batch_size, args.device)


if __name__ == '__main__':
    main()
