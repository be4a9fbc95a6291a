"""`make demo-det`: a complete small detection experiment on generated VOC-format data.

1. writes a VOC2007-layout dataset of circles, squares and triangles on noisy,
   textured backgrounds (tools/data/make_shapes_voc.py), unless it is there;
2. trains configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py from scratch
   with tools/train.py;
3. tests the last checkpoint on the test split with tools/test.py (VOC mAP at
   IoU 0.5), keeping the raw predictions;
4. writes work_dirs/demo_det/results.{md,csv} (per-class gts, dets, recall and
   AP in the 11-point and area modes, and mAP), curves.png (training loss and
   validation mAP) and, through tools/vis_proposals.py, the RPN proposals next
   to the final detections for 4 test images in work_dirs/demo_det/proposals.
It exits non-zero if the test mAP (11-point) is below --min-map.
"""
import argparse
import os
import os.path as osp
import pickle
import shutil
import sys
import time

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

from custom_modules.apps.experiments import train_then_test
from custom_modules.apps.launch import load_tool, user_errors
from custom_modules.apps.reporting import plot_curves, write_table

CONFIG = 'configs/demo/faster-rcnn_r18-w16_fpn_1xb8-4e_shapes.py'
COLUMNS = ['class', 'gts', 'dets', 'recall', 'AP (11-point)', 'AP (area)']
NUM_PICTURES = 4


def _split_ids(data_root: str, split: str):
    path = osp.join(data_root, 'VOCdevkit', 'VOC2007', 'ImageSets', 'Main', f'{split}.txt')
    if not osp.isfile(path):
        return None
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def ensure_data(data_root: str, train: int, test: int, seed: int) -> list:
    """Generate the shapes dataset unless one of the requested size is there; test ids."""
    train_ids, test_ids = _split_ids(data_root, 'trainval'), _split_ids(data_root, 'test')
    if train_ids is None or test_ids is None or (len(train_ids), len(test_ids)) != (train, test):
        shutil.rmtree(osp.join(data_root, 'VOCdevkit'), ignore_errors=True)
        # tools/data/make_shapes_voc.py, in this process (saves a start-up of the stack)
        maker = load_tool('tools/data/make_shapes_voc.py')
        print(f'generating the shapes dataset in {data_root}', flush=True)
        maker.make_dataset(data_root, train, test, seed)
        test_ids = _split_ids(data_root, 'test')
    return test_ids


def per_class_ap(predictions_pkl: str, classes) -> tuple:
    """Per-class rows and both mAPs from tools/test.py --out, computed like mmdet's VOCMetric."""
    import numpy as np
    from mmdet.evaluation.functional import eval_map
    with open(predictions_pkl, 'rb') as f:
        samples = pickle.load(f)
    annotations, detections = [], []
    for sample in samples:
        gt, ignored, pred = (sample['gt_instances'], sample['ignored_instances'],
                             sample['pred_instances'])
        annotations.append(dict(bboxes=gt['bboxes'].numpy(), labels=gt['labels'].numpy(),
                                bboxes_ignore=ignored['bboxes'].numpy(),
                                labels_ignore=ignored['labels'].numpy()))
        boxes, scores, labels = (pred['bboxes'].numpy(), pred['scores'].numpy(),
                                 pred['labels'].numpy())
        detections.append([np.hstack([boxes[labels == c], scores[labels == c, None]])
                           for c in range(len(classes))])
    results = {}
    for mode in ('11points', 'area'):
        results[mode] = eval_map(detections, annotations, iou_thr=0.5, dataset=list(classes),
                                 logger='silent', eval_mode=mode, use_legacy_coordinate=True,
                                 nproc=min(4, os.cpu_count() or 1))
    rows = []
    for c, name in enumerate(classes):
        eleven, area = results['11points'][1][c], results['area'][1][c]
        recall = eleven['recall']
        rows.append({'class': name, 'gts': int(eleven['num_gts']),
                     'dets': int(eleven['num_dets']),
                     'recall': f'{float(recall[-1]) if np.size(recall) else 0.0:.3f}',
                     'AP (11-point)': f'{eleven["ap"]:.3f}', 'AP (area)': f'{area["ap"]:.3f}'})
    rows.append({'class': 'mAP', 'gts': sum(r['gts'] for r in rows),
                 'dets': sum(r['dets'] for r in rows), 'recall': '',
                 'AP (11-point)': f'{results["11points"][0]:.3f}',
                 'AP (area)': f'{results["area"][0]:.3f}'})
    return rows, float(results['11points'][0]), float(results['area'][0])


def draw_proposals(checkpoint: str, images, out_dir: str) -> str:
    """Proposals-vs-final PNGs through tools/vis_proposals.py, in this process."""
    load_tool('tools/vis_proposals.py').main([osp.join(REPO, CONFIG), checkpoint, *images,
                                              '--out-dir', out_dir, '--num-proposals', '20'])
    return f'proposals-vs-final pictures of {len(images)} test images: {out_dir}'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--work-dir', default='work_dirs/demo_det')
    parser.add_argument('--data-root', default='data/shapes_voc')
    parser.add_argument('--train-images', type=int, default=1000)
    parser.add_argument('--test-images', type=int, default=250)
    parser.add_argument('--seed', type=int, default=0, help='data generation seed')
    parser.add_argument('--epochs', type=int, help='override the config\'s max_epochs '
                        '(also the end of its cosine schedule)')
    parser.add_argument('--min-map', type=float, default=0.5,
                        help='fail if the test mAP (IoU 0.5, 11-point) is below this')
    parser.add_argument('--cfg-options', nargs='*', default=[],
                        help='passed on to tools/train.py and tools/test.py')
    args = parser.parse_args(argv)
    if args.train_images < 1 or args.test_images < NUM_PICTURES:
        parser.error(f'--train-images must be >= 1 and --test-images >= {NUM_PICTURES}')
    start = time.time()
    # one compute thread in the trainer and one data-loading worker fill 2 cores; more
    # threads than free cores make torch's OpenMP kernels spin (set OMP_NUM_THREADS to change)
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    work_dir = osp.join(REPO, args.work_dir)
    data_root = osp.join(REPO, args.data_root)
    with user_errors():
        test_ids = ensure_data(data_root, args.train_images, args.test_images, args.seed)
        shutil.rmtree(work_dir, ignore_errors=True)
        options = [f'{loader}.dataset.data_root={data_root}/VOCdevkit/'
                   for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')]
        if args.epochs:
            options += [f'train_cfg.max_epochs={args.epochs}',
                        f'param_scheduler.1.end={args.epochs}']
        options += args.cfg_options
        predictions = osp.join(work_dir, 'test_predictions.pkl')
        metrics = train_then_test(CONFIG, work_dir, ['--cfg-options', *options],
                                  test_options=['--out', predictions])
        from mmengine.config import Config
        classes = Config.fromfile(osp.join(REPO, CONFIG)).classes
        rows, map11, map_area = per_class_ap(predictions, classes)
        images = [osp.join(data_root, 'VOCdevkit', 'VOC2007', 'JPEGImages', f'{i}.jpg')
                  for i in test_ids[:NUM_PICTURES]]
        note = draw_proposals(metrics['checkpoint'], images,
                              osp.join(work_dir, 'proposals'))
        seconds = time.time() - start

        table = write_table(rows, COLUMNS, osp.join(work_dir, 'results.md'),
                            osp.join(work_dir, 'results.csv'))
        header = (f'# make demo-det: Faster R-CNN (narrow ResNet-18 from scratch) on generated '
                  f'shapes\n\nProduced by `python tools/demo_det.py` in {seconds:.0f} s '
                  f'(data generation, training, test, pictures) on {os.cpu_count()} CPU '
                  f'cores.\nConfig `{CONFIG}`, checkpoint `{osp.relpath(metrics["checkpoint"], REPO)}`, '
                  f'data `{args.data_root}` ({args.train_images} trainval / '
                  f'{args.test_images} test images, seed {args.seed}).\n'
                  f'Test split, VOC AP at IoU 0.5 (difficult objects ignored); the test run '
                  f'logged pascal_voc/mAP = {metrics["pascal_voc/mAP"]:.4f}.\n{note}.\n\n')
        with open(osp.join(work_dir, 'results.md'), 'w') as f:
            f.write(header + table)
        plot_curves({'faster-rcnn shapes': work_dir}, osp.join(work_dir, 'curves.png'),
                    metric='pascal_voc/mAP',
                    title='make demo-det: Faster R-CNN on generated shapes (VOC format)')
    print('\n' + table)
    print(f'test mAP (IoU 0.5): {map11:.4f} (11-point), {map_area:.4f} (area); '
          f'{seconds:.0f} s in all')
    print(note)
    print(f'results: {work_dir}/results.md, results.csv, curves.png; '
          f'TensorBoard: tensorboard --logdir {work_dir}')
    if map11 < args.min_map:
        sys.exit(f'demo failed: test mAP {map11:.4f} < {args.min_map}')


if __name__ == '__main__':
    main()
