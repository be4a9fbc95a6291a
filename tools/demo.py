"""`make demo`: a complete small experiment on real data shipped with scikit-learn.

1. writes scikit-learn's digits in the CIFAR-10 python format (tools/data/digits_to_cifar.py);
2. trains configs/demo/resnet18-cifar_1xb32_digits.py with tools/train.py;
3. evaluates the best-validation checkpoint on the held-out test batch with tools/test.py;
4. writes work_dirs/demo/results.{md,csv} and curves.png (TensorBoard logs are in
   work_dirs/demo/<timestamp>/vis_data).
"""
import argparse
import os.path as osp
import shutil
import sys
import time

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

from custom_modules.apps.experiments import run_tool, train_then_test
from custom_modules.apps.reporting import load_scalars, plot_curves, write_table

CONFIG = 'configs/demo/resnet18-cifar_1xb32_digits.py'
COLUMNS = ['model', 'data', 'split', 'top-1 (%)', 'top-5 (%)', 'top-1 err (%)',
           'top-5 err (%)', 'best val top-1 (%)', 'epochs', 'train+test time (s)']


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--work-dir', default='work_dirs/demo')
    parser.add_argument('--data-root', default='data/digits_cifar')
    parser.add_argument('--min-top1', type=float, default=95.0,
                        help='fail if test top-1 is below this')
    parser.add_argument('--cfg-options', nargs='*', default=[],
                        help='passed on to tools/train.py')
    args = parser.parse_args()
    work_dir = osp.join(REPO, args.work_dir)

    if not osp.isfile(osp.join(REPO, args.data_root, 'cifar-10-batches-py', 'batches.meta')):
        run_tool('data/digits_to_cifar.py', '--out', args.data_root)
    shutil.rmtree(work_dir, ignore_errors=True)
    options = ['--cfg-options',
               *(f'{k}={args.data_root}' for k in (
                   'train_dataloader.dataset.data_root', 'val_dataloader.dataset.data_root',
                   'test_dataloader.dataset.data_root')), *args.cfg_options]
    start = time.time()
    metrics = train_then_test(CONFIG, work_dir, options)
    seconds = time.time() - start

    train, val = load_scalars(work_dir)
    top1, top5 = metrics['accuracy/top1'], metrics['accuracy/top5']
    row = {'model': 'ResNet-18 (CIFAR stem)', 'data': 'sklearn digits as CIFAR 32x32',
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
    if top1 < args.min_top1:
        sys.exit(f'demo failed: test top-1 {top1:.2f}% < {args.min_top1}%')


if __name__ == '__main__':
    main()
