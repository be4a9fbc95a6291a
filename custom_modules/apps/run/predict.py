"""Classify image files and folders with a config + checkpoint; one CSV row per image.

Uses mmpretrain's ``ImageClassificationInferencer`` (the config's test
pipeline); folders are searched recursively, unreadable files are skipped and
listed.
"""
import csv
import os
import os.path as osp
import sys
from typing import List, Sequence, Tuple

from custom_modules.errors import UserInputError
from custom_modules.plugins.datasets.image_files import is_image_file, is_readable_image
from custom_modules.plugins.engine.atomic_files import atomic_open
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits


def collect_images(paths: Sequence[str]) -> List[str]:
    """Image files given directly or found (recursively) in the folders given."""
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


def split_readable(files: Sequence[str]) -> Tuple[List[str], List[str]]:
    good, bad = [], []
    for path in files:
        (good if is_readable_image(path) else bad).append(path)
    return good, bad


def predict_to_csv(config: str, checkpoint: str, inputs: Sequence[str], out: str,
                   topk: int = 5, batch_size: int = 16, device: str = None,
                   allow_partial: bool = False) -> int:
    """Write ``out`` (file, pred_class, score, top-k); returns the number of images. The
    checkpoint must fit the config's model exactly unless ``allow_partial``."""
    for path in (config, checkpoint):
        if not osp.isfile(path):
            raise UserInputError(f'{path} does not exist')
    images, unreadable = split_readable(collect_images(inputs))
    if unreadable:
        print(f'skipping {len(unreadable)} unreadable image(s):', file=sys.stderr)
        for path in unreadable:
            print(f'  {path}', file=sys.stderr)
    if not images:
        raise UserInputError(f'no readable images in {" ".join(inputs)}')
    from mmpretrain.apis import ImageClassificationInferencer
    inferencer = ImageClassificationInferencer(config, pretrained=checkpoint, device=device)
    check_checkpoint_fits(inferencer.model, checkpoint, allow_partial, config)
    classes = inferencer.classes or []

    def name(i):
        return classes[i] if i < len(classes) else str(i)

    results = inferencer(images, batch_size=batch_size)
    with atomic_open(out, 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['file', 'pred_class', 'score', f'top{topk}'])
        for path, result in zip(images, results):
            scores = result['pred_scores']
            order = scores.argsort()[::-1][:topk]
            writer.writerow([path, name(int(order[0])), f'{scores[order[0]]:.4f}',
                             ' '.join(f'{name(int(i))}:{scores[i]:.3f}' for i in order)])
    print(f'wrote {len(images)} predictions to {out}')
    return len(images)
