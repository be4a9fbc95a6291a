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
import os
import os.path as osp
import sys


from custom_modules.plugins.datasets.image_files import is_image_file
from custom_modules.errors import DataError, UserInputError
from custom_modules.apps.launch import REPO_ROOT, user_errors

DEFAULT_MAPPING = osp.join(REPO_ROOT, 'configs/cityscapes/camvid_to_cityscapes.csv')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
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
    return parser.parse_args(argv)


def find_pairs(root, images, labels, suffix):
    image_dir, label_dir = osp.join(root, images), osp.join(root, labels)
    for folder in (image_dir, label_dir):
        if not osp.isdir(folder):
            raise UserInputError(f'CamVid folder {folder} does not exist')
    names = sorted(f for f in os.listdir(image_dir) if is_image_file(f))
    if not names:
        raise DataError(f'{image_dir}: no images')
    pairs = []
    for name in names:
        label = osp.join(label_dir, osp.splitext(name)[0] + suffix + '.png')
        if not osp.isfile(label):
            raise DataError(f'{label}: label image of {osp.join(image_dir, name)} is missing')
        pairs.append((osp.join(image_dir, name), label))
    return pairs


def evaluate(pairs, segmenter, mapping, batch_size=2, progress=True):
    """Per-class IoU (train-id indexed, NaN = absent) of one model over the pairs."""
    import cv2
    from mmengine.utils import ProgressBar

    from custom_modules.apps.video.camvid_eval import ConfusionIoU
    scores = ConfusionIoU(len(mapping.classes))
    bar = ProgressBar(len(pairs)) if progress else None
    for start in range(0, len(pairs), batch_size):
        batch = pairs[start:start + batch_size]
        images = []
        for image_path, _ in batch:
            image = cv2.imread(image_path, cv2.IMREAD_COLOR)
            if image is None:
                raise DataError(f'{image_path}: not a readable image')
            images.append(image)
        for (_, label_path), pred in zip(batch, segmenter.predict(images)):
            scores.add(mapping.read(label_path), pred)
            if bar:
                bar.update()
    return scores.iou()


def table_rows(results, mapping):
    """One row per model: mIoU and per-class IoU (percent) over the evaluated classes."""
    import numpy as np
    rows = []
    for name, iou in results:
        values = iou[mapping.evaluated]
        row = dict(model=name, mIoU=round(float(np.nanmean(values)) * 100, 2)
                   if not np.isnan(values).all() else 'n/a')
        for i in mapping.evaluated:
            row[mapping.classes[i]] = 'n/a' if np.isnan(iou[i]) else round(float(iou[i]) * 100, 2)
        rows.append(row)
    return rows


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        from custom_modules.apps.video.camvid_eval import CamVidMapping
        from custom_modules.apps.reporting import write_table
        from custom_modules.apps.video import BatchSegmenter
        if not osp.isfile(args.mapping):
            raise UserInputError(f'mapping file {args.mapping} does not exist')
        mapping = CamVidMapping(args.mapping)
        pairs = find_pairs(args.root, args.images, args.labels, args.label_suffix)
        pairs = pairs[:args.max_images] if args.max_images else pairs
        results = []
        for config, checkpoint in args.model:
            segmenter = BatchSegmenter(config, checkpoint, device=args.device)
            print(f'{segmenter.name}: {len(pairs)} CamVid images')
            results.append((segmenter.name, evaluate(pairs, segmenter, mapping, args.batch_size)))
            print()
        rows = table_rows(results, mapping)
        columns = ['model', 'mIoU'] + [mapping.classes[i] for i in mapping.evaluated]
        md = osp.join(args.out_dir, 'camvid_miou.md')
        print(write_table(rows, columns, md, osp.join(args.out_dir, 'camvid_miou.csv')))
        print(f'IoU in %, CamVid classes mapped by {args.mapping} -> {md} (and .csv)')
        return rows


if __name__ == '__main__':
    main()
