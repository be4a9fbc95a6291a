"""`make demo-det`: a complete small detection experiment on generated VOC-format data.

1. writes a VOC2007-layout dataset of circles, squares and triangles on
   textured backgrounds (:mod:`..data.shapes_voc`), unless it is there;
2. trains configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py from scratch and
   tests the last checkpoint on the test split (:func:`..run.experiments.train_then_test`);
   the config's ``VOCMetricWithTable`` evaluators return VOC AP at IoU 0.5 per
   class in the 11-point and the area mode;
3. writes ``<work dir>/results.{md,csv}`` (per class: gts, dets, recall, both
   APs; and mAP) from those metrics, ``curves.png`` (training loss, validation
   mAP) and the RPN proposals next to the final detections of the first 4 test
   images (by id, fixed beforehand) in ``<work dir>/proposals``
   (:mod:`..detection.proposals`); for each it prints how many ground-truth
   shapes a detection of the right class covers (:func:`count_found`).
"""
import json
import os
import os.path as osp
import shutil
import time
import xml.etree.ElementTree as ET
from typing import List, Optional, Sequence

import numpy as np
import torch
from mmengine.config import Config

from custom_modules.plugins.engine.atomic_files import atomic_write_text

from ..data.shapes_voc import dataset_settings, make_dataset, written_settings
from ..detection.proposals import draw_proposals
from ..reports.figures import plot_curves, write_table
from ..run.config import REPO_ROOT
from ..run.experiments import train_then_test

CONFIG = 'configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py'
COLUMNS = ['class', 'gts', 'dets', 'recall', 'AP (11-point)', 'AP (area)']
MODES = {'AP (11-point)': 'pascal_voc', 'AP (area)': 'pascal_voc_area'}  # column: prefix
NUM_PICTURES = 4  # the first test images by id, fixed before any result is seen
PICTURE_SCORE_THR = 0.5  # detections drawn (and counted) in the pictures
MATCH_IOU = 0.5


def _split_ids(data_root: str, split: str) -> List[str]:
    path = osp.join(data_root, 'VOCdevkit', 'VOC2007', 'ImageSets', 'Main', f'{split}.txt')
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def ensure_data(data_root: str, train: int, test: int, seed: int) -> List[str]:
    """Generate the shapes dataset unless the one there has these sizes and seed and the
    generator's current version; the test ids."""
    if written_settings(data_root) != dataset_settings(train, test, seed):
        shutil.rmtree(osp.join(data_root, 'VOCdevkit'), ignore_errors=True)
        print(f'generating the shapes dataset in {data_root}', flush=True)
        make_dataset(data_root, train, test, seed)
    return _split_ids(data_root, 'test')


def ground_truth(xml_path: str):
    """``(boxes (N, 4), class names)`` of the objects not marked difficult in a VOC XML,
    0-based as mmdet's ``VOCDataset`` reads them."""
    boxes, names = [], []
    for obj in ET.parse(xml_path).getroot().iter('object'):
        if obj.findtext('difficult', '0') != '1':
            box = obj.find('bndbox')
            boxes.append([float(box.findtext(k)) - 1 for k in ('xmin', 'ymin', 'xmax', 'ymax')])
            names.append(obj.findtext('name'))
    return np.asarray(boxes, float).reshape(-1, 4), names


def count_found(gt_boxes, gt_names: Sequence[str], detections: dict,
                iou_thr: float = MATCH_IOU) -> int:
    """How many ground-truth boxes a detection of the same class covers with IoU >= ``iou_thr``.

    ``detections``: ``boxes``, ``labels`` (class names) and ``scores``, as the proposal
    pictures' JSON holds them. Greedy in descending score order, each detection claims
    at most one still unclaimed box of its class (VOC's matching)."""
    from mmdet.evaluation.functional import bbox_overlaps
    gt_boxes = np.asarray(gt_boxes, float).reshape(-1, 4)
    det_boxes = np.asarray(detections['boxes'], float).reshape(-1, 4)
    if not len(gt_boxes) or not len(det_boxes):
        return 0
    ious = bbox_overlaps(det_boxes, gt_boxes)
    claimed = np.zeros(len(gt_boxes), bool)
    for d in np.argsort(-np.asarray(detections['scores'], float), kind='stable'):
        same = np.array([name == detections['labels'][d] for name in gt_names]) & ~claimed
        if same.any():
            best = int(np.argmax(np.where(same, ious[d], -1.0)))
            if ious[d, best] >= iou_thr:
                claimed[best] = True
    return int(claimed.sum())


def showcase_lines(pictures: Sequence[str], annotations: Sequence[str]) -> List[str]:
    """Per picture: how many of its ground-truth shapes it shows found with the right class."""
    lines = []
    for png, xml in zip(pictures, annotations):
        with open(osp.splitext(png)[0] + '.json') as f:
            detections = json.load(f)['detections']
        boxes, names = ground_truth(xml)
        lines.append(f'{osp.basename(png)}: {count_found(boxes, names, detections)} of '
                     f'{len(names)} shapes found with the right class (IoU >= {MATCH_IOU}), '
                     f'{len(detections["labels"])} detections scoring >= {PICTURE_SCORE_THR}')
    return lines


def class_rows(metrics: dict, classes: Sequence[str]) -> List[dict]:
    """The results table from the test metrics: one row per class, then mAP."""
    rows = []
    for name in classes:
        row = {'class': name, 'gts': metrics[f'pascal_voc/gts_{name}'],
               'dets': metrics[f'pascal_voc/dets_{name}'],
               'recall': f'{metrics[f"pascal_voc/recall_{name}"]:.3f}'}
        row.update({column: f'{metrics[f"{prefix}/AP_{name}"]:.3f}'
                    for column, prefix in MODES.items()})
        rows.append(row)
    rows.append(dict({'class': 'mAP', 'gts': sum(r['gts'] for r in rows),
                      'dets': sum(r['dets'] for r in rows), 'recall': ''},
                     **{column: f'{metrics[f"{prefix}/mAP"]:.3f}'
                        for column, prefix in MODES.items()}))
    return rows


def run_demo_det(work_dir: str = 'work_dirs/demo_det', data_root: str = 'data/shapes_voc',
                 train_images: int = 900, test_images: int = 200, seed: int = 0,
                 epochs: Optional[int] = None, min_map: float = 0.85,
                 cfg_options: Sequence[str] = ()) -> Optional[str]:
    """Run the demo (paths relative to the repo); the failure message if mAP < ``min_map``."""
    start = time.time()
    # one compute thread in the trainer and one data-loading worker fill 2 cores; more
    # threads than free cores make torch's OpenMP kernels spin (set OMP_NUM_THREADS to
    # change). torch is imported by now and has read the variable: set its pool too
    if 'OMP_NUM_THREADS' not in os.environ:
        os.environ['OMP_NUM_THREADS'] = '1'
        torch.set_num_threads(1)
    work_dir, data_dir = osp.join(REPO_ROOT, work_dir), osp.join(REPO_ROOT, data_root)
    config = osp.join(REPO_ROOT, CONFIG)
    test_ids = ensure_data(data_dir, train_images, test_images, seed)
    shutil.rmtree(work_dir, ignore_errors=True)
    options = [f'{loader}.dataset.data_root={data_dir}/VOCdevkit/'
               for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')]
    if epochs:
        options += [f'train_cfg.max_epochs={epochs}', f'param_scheduler.1.end={epochs}']
    metrics = train_then_test(config, work_dir, [*options, *cfg_options])
    rows = class_rows(metrics, Config.fromfile(config).classes)
    images = [osp.join(data_dir, 'VOCdevkit', 'VOC2007', 'JPEGImages', f'{i}.jpg')
              for i in test_ids[:NUM_PICTURES]]
    pictures = draw_proposals(config, metrics['checkpoint'], images,
                              osp.join(work_dir, 'proposals'), score_thr=PICTURE_SCORE_THR)
    found = showcase_lines(pictures, [
        osp.join(data_dir, 'VOCdevkit', 'VOC2007', 'Annotations', f'{i}.xml')
        for i in test_ids[:NUM_PICTURES]])
    note = (f'proposals-vs-final pictures of the first {len(images)} test images: '
            f'{osp.join(work_dir, "proposals")}')
    seconds = time.time() - start

    table = write_table(rows, COLUMNS, osp.join(work_dir, 'results.md'),
                        osp.join(work_dir, 'results.csv'))
    map11, map_area = metrics['pascal_voc/mAP'], metrics['pascal_voc_area/mAP']
    header = (f'# make demo-det: Faster R-CNN (narrow ResNet-18 from scratch) on generated '
              f'shapes\n\nProduced by `python tools/demo_det.py` in {seconds:.0f} s '
              f'(data generation, training, test, pictures) on {os.cpu_count()} CPU '
              f'cores.\nConfig `{CONFIG}`, checkpoint '
              f'`{osp.relpath(metrics["checkpoint"], REPO_ROOT)}`, data `{data_root}` '
              f'({train_images} trainval / {test_images} test images, seed {seed}).\n'
              f'Test split, VOC AP at IoU 0.5 (difficult objects ignored), as the test '
              f'run\'s VOCMetricWithTable returned it.\n{note}:\n\n')
    pictures_md = ''.join(f'- {line}\n' for line in found)
    atomic_write_text(f'{header}{pictures_md}\n{table}', osp.join(work_dir, 'results.md'))
    plot_curves({'faster-rcnn shapes': work_dir}, osp.join(work_dir, 'curves.png'),
                metric='pascal_voc/mAP',
                title='make demo-det: Faster R-CNN on generated shapes (VOC format)')
    print(f'\n{note}:')
    print('\n'.join(found))
    print('\n' + table)
    print(f'test mAP (IoU 0.5): {map11:.4f} (11-point), {map_area:.4f} (area); '
          f'{seconds:.0f} s in all')
    print(f'results: {work_dir}/results.md, results.csv, curves.png; '
          f'TensorBoard: tensorboard --logdir {work_dir}')
    if map11 < min_map:
        return f'demo failed: test mAP {map11:.4f} < {min_map}'
    return None
