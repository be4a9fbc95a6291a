"""Classify any images with a trained config + checkpoint and write a CSV of the top-k classes.

    python tools/predict.py CONFIG CHECKPOINT IMAGES_OR_FOLDER [...] [--topk 5] [--out preds.csv]

Folders are searched recursively for images. Unreadable files are skipped and
listed. Uses mmpretrain's ``ImageClassificationInferencer`` (the config's test
pipeline), on the GPU when there is one.
"""
import argparse
import csv
import os
import os.path as osp
import sys


from custom_modules.plugins.datasets.image_files import is_image_file, is_readable_image
from custom_modules.errors import UserInputError
from custom_modules.apps.launch import user_errors


def collect_images(paths):
    files = []
    for path in paths:
        if osp.isdir(path):
            files += sorted(osp.join(folder, f) for folder, _, names in os.walk(path)
                            for f in names if is_image_file(f))
        elif osp.isfile(path):
            files.append(path)
        else:
            raise UserInputError(f'{path} is neither an image file nor a folder')
    return files


def split_readable(files):
    good, bad = [], []
    for path in files:
        (good if is_readable_image(path) else bad).append(path)
    return good, bad


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('inputs', nargs='+', help='image files and/or folders')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--out', default='predictions.csv')
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--device', default=None, help='default: cuda if available, else cpu')
    args = parser.parse_args()
    with user_errors():
        for path in (args.config, args.checkpoint):
            if not osp.isfile(path):
                raise UserInputError(f'{path} does not exist')
        images, unreadable = split_readable(collect_images(args.inputs))
        if unreadable:
            print(f'skipping {len(unreadable)} unreadable image(s):', file=sys.stderr)
            for path in unreadable:
                print(f'  {path}', file=sys.stderr)
        if not images:
            raise UserInputError(f'no readable images in {" ".join(args.inputs)}')
        import custom_modules  # noqa: F401
        from mmpretrain.apis import ImageClassificationInferencer
        inferencer = ImageClassificationInferencer(args.config, pretrained=args.checkpoint,
                                                   device=args.device)
        classes = inferencer.classes or []
        results = inferencer(images, batch_size=args.batch_size)
        os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
        with open(args.out, 'w', newline='') as f:
            writer = csv.writer(f)
            writer.writerow(['file', 'pred_class', 'score', f'top{args.topk}'])
            for path, result in zip(images, results):
                scores = result['pred_scores']
                order = scores.argsort()[::-1][:args.topk]
                name = (lambda i: classes[i] if i < len(classes) else str(i))
                writer.writerow([path, name(int(order[0])), f'{scores[order[0]]:.4f}',
                                 ' '.join(f'{name(int(i))}:{scores[i]:.3f}' for i in order)])
        print(f'wrote {len(images)} predictions to {args.out}')


if __name__ == '__main__':
    main()
