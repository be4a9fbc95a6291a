"""Overlay detection runs' training loss and validation VOC mAP curves in one PNG, plus a table.

    python tools/report_det.py --match 'faster-rcnn_r50-init-*' [--work-root work_dirs] \
        [--out work_dirs/report_det] [--metric pascal_voc/mAP]
    python tools/report_det.py --match 'faster-rcnn_r50-caffe-c4-roipool_init-*' \
        --metric pascal_voc_area/mAP
    python tools/report_det.py --run random=work_dirs/a --run imagenet=work_dirs/b ...

Reads each work dir's mmengine logs (``*/vis_data/scalars.json``, resumed
runs merged) and writes ``curves.png`` (left: training loss per iteration,
right: validation ``--metric`` per epoch, one line per run), ``epochs.png`` when
the runs logged per-epoch losses (training loss, validation loss and
``--metric`` per epoch: R001's Fig. 6 for the three C4 initialisations) and
``results.md`` / ``results.csv`` (best and last validation mAP in both VOC
modes, epochs, and the test mAP from ``test_metrics.json`` when
tools/run_matrix.py wrote one). The label of a run is its config's
``experiment.method`` when recorded, else its work dir name.
"""
import argparse
import os.path as osp

from custom_modules.apps.reports.detection import find_runs, parse_runs, report_det
from custom_modules.apps.user_errors import add_debug_arg, user_errors
from custom_modules.errors import UserInputError


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--match', default='*', help='work dirs whose name matches (glob)')
    parser.add_argument('--run', action='append', default=[], metavar='NAME=WORK_DIR',
                        help='explicit runs (instead of --match)')
    parser.add_argument('--metric', default='pascal_voc/mAP')
    parser.add_argument('--out', default=None, help='default: <work-root>/report_det')
    parser.add_argument('--title', default='')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        runs = parse_runs(args.run) if args.run else find_runs(args.work_root, args.match)
        if not runs:
            raise UserInputError(f'no training logs (*/vis_data/scalars.json) in work dirs '
                                 f'matching {args.match!r} under {args.work_root}')
        report_det(runs, args.out or osp.join(args.work_root, 'report_det'), args.metric,
                   args.title)


if __name__ == '__main__':
    main()
