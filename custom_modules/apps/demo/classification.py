"""`make demo`: a complete small experiment on real data shipped with scikit-learn.

1. writes scikit-learn's digits in the CIFAR-10 python format (:mod:`..data.digits`);
2. trains configs/demo/resnet18-w16-cifar_1xb32_digits.py and tests the best-validation
   checkpoint on the held-out test batch (:func:`..run.experiments.train_then_test`);
3. writes ``<work dir>/results.{md,csv}`` and ``curves.png`` (TensorBoard logs are
   in ``<work dir>/<timestamp>/vis_data``).
"""
import os.path as osp
import shutil
import time
from typing import Optional, Sequence

from ..data.digits import convert
from ..reports.figures import plot_curves, write_table
from ..results import load_scalars
from ..run.config import REPO_ROOT
from ..run.experiments import train_then_test

CONFIG = 'configs/demo/resnet18-w16-cifar_1xb32_digits.py'
LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
COLUMNS = ['model', 'data', 'split', 'top-1 (%)', 'top-5 (%)', 'top-1 err (%)',
           'top-5 err (%)', 'best val top-1 (%)', 'epochs', 'train+test time (s)']


def run_demo(work_dir: str = 'work_dirs/demo', data_root: str = 'data/digits_cifar',
             min_top1: float = 95.0, cfg_options: Sequence[str] = ()) -> Optional[str]:
    """Run the demo (paths relative to the repo); the failure message if top-1 < ``min_top1``."""
    work_dir, data_root = osp.join(REPO_ROOT, work_dir), osp.join(REPO_ROOT, data_root)
    if not osp.isfile(osp.join(data_root, 'cifar-10-batches-py', 'batches.meta')):
        convert(data_root)
    shutil.rmtree(work_dir, ignore_errors=True)
    options = [f'{loader}.dataset.data_root={data_root}' for loader in LOADERS]
    start = time.time()
    metrics = train_then_test(osp.join(REPO_ROOT, CONFIG), work_dir,
                              [*options, *cfg_options])
    seconds = time.time() - start

    train, val = load_scalars(work_dir)  # the training and validation curves
    top1, top5 = metrics['accuracy/top1'], metrics['accuracy/top5']
    row = {'model': 'ResNet-18 w16 (CIFAR stem)', 'data': 'sklearn digits as CIFAR 32x32',
           'split': 'held-out test', 'top-1 (%)': top1, 'top-5 (%)': top5,
           'top-1 err (%)': 100 - top1, 'top-5 err (%)': 100 - top5,
           'best val top-1 (%)': max(r['accuracy/top1'] for r in val),
           'epochs': max(r['epoch'] for r in train), 'train+test time (s)': round(seconds)}
    table = write_table([row], COLUMNS, osp.join(work_dir, 'results.md'),
                        osp.join(work_dir, 'results.csv'))
    plot_curves({'resnet18 digits': work_dir}, osp.join(work_dir, 'curves.png'),
                title='make demo: ResNet-18 on digits (CIFAR format)')
    print('\n' + table)
    print(f'results: {work_dir}/results.md, results.csv, curves.png; '
          f'TensorBoard: tensorboard --logdir {work_dir}')
    if top1 < min_top1:
        return f'demo failed: test top-1 {top1:.2f}% < {min_top1}%'
    return None
