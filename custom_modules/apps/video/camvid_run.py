"""CamVid test frames through Cityscapes models: per-class IoU and mIoU tables.

CamVid's colour-coded label images are mapped onto the Cityscapes train ids by
:class:`.camvid_eval.CamVidMapping` (default: the repo's mapping CSV);
:class:`.camvid_eval.ConfusionIoU` accumulates each model's confusion matrix.
"""
import os
import os.path as osp

from custom_modules.apps.run.config import REPO_ROOT
from custom_modules.errors import DataError, UserInputError
from custom_modules.plugins.datasets.image_files import is_image_file

DEFAULT_MAPPING = osp.join(REPO_ROOT, 'configs/cityscapes/camvid_to_cityscapes.csv')


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

    from .camvid_eval import ConfusionIoU
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


def eval_camvid(root, models, images='test', labels='test_labels', label_suffix='_L',
                mapping_file=DEFAULT_MAPPING, batch_size=2, device=None, max_images=None,
                out_dir='work_dirs/eval_camvid', allow_partial=False):
    """Evaluate each ``(config, checkpoint)`` of ``models``; write and return the table rows.
    Each checkpoint must fit its model exactly unless ``allow_partial``."""
    from ..reports.figures import write_table
    from .camvid_eval import CamVidMapping
    from .segmenter import BatchSegmenter
    if not osp.isfile(mapping_file):
        raise UserInputError(f'mapping file {mapping_file} does not exist')
    mapping = CamVidMapping(mapping_file)
    pairs = find_pairs(root, images, labels, label_suffix)
    pairs = pairs[:max_images] if max_images else pairs
    results = []
    for config, checkpoint in models:
        segmenter = BatchSegmenter(config, checkpoint, device=device,
                                   allow_partial=allow_partial)
        print(f'{segmenter.name}: {len(pairs)} CamVid images')
        results.append((segmenter.name, evaluate(pairs, segmenter, mapping, batch_size)))
        print()
    rows = table_rows(results, mapping)
    columns = ['model', 'mIoU'] + [mapping.classes[i] for i in mapping.evaluated]
    md = osp.join(out_dir, 'camvid_miou.md')
    print(write_table(rows, columns, md, osp.join(out_dir, 'camvid_miou.csv')))
    print(f'IoU in %, CamVid classes mapped by {mapping_file} -> {md} (and .csv)')
    return rows
