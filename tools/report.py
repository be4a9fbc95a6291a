"""Result tables and curves from ``work_dirs/``: the CIFAR matrix, or one seed report's layout.

    python tools/report.py [--work-root work_dirs] [--out work_dirs/report] [--match 'resnet18*']
    python tools/report.py --report 000 [--work-root work_dirs] [--out work_dirs/report_000]

``--report matrix`` (default) reads each ``<work dir>/test_metrics.json`` (written
by tools/run_matrix.py: test set, best-validation checkpoint) and writes
- ``results.md`` / ``results.csv``: rows = backbones, columns = methods,
  cells = ``top-1 err / top-5 err`` (%); ``runs.csv``: one row per run;
- ``curves/<run>.png`` (training loss, validation top-1) per run and
  ``curves/<backbone>.png`` with the backbone's runs overlaid.

``--report 000|001|002|003|004`` writes that report's tables in its own layout (runs
found by their configs' ``experiment`` metadata; test metrics from ``test_metrics.json``,
else the latest ``tools/test.py`` log in the work dir), each value beside
the report's published figure (columns "(reference figure)", source in the legend)
and the difference ("Δ" = this repository − reference figure), its curves
(``curves/*.png``) and ``report.md`` with everything:
- 000: Top1 / Top5 error (backbone x method), Mixup and CutMix α ablations, per-run
  curves (training loss per epoch, validation loss, accuracy, top-1/top-5 error);
  000-B Faster R-CNN: train/valid loss per epoch, VOC2007-val mAP (epochs 0, 5, 10, 15),
  per-class AP on VOC2007 test (table, bars); 000-C FCOS: the three losses per
  iteration, mAP per epoch, the best epoch's per-class AP beside R000's printout;
- 001: Table 1 (ViT layouts and parameter counts of the configs' built models), Table 2
  (the configs' PBT search space), Table 3 (validation/test top-1/top-5 of each model's
  best PBT member), curves of the best member and of all members; 001-B: Fig. 6
  (training loss, test loss, test mAP of the three initialisations) and their final values;
- 002: lr grid (final validation accuracy per lr), pretrained vs random curves
  (training/validation accuracy and loss per epoch); 002-B/002-C: best epoch and mAP of
  Faster R-CNN and YOLOv3, Faster R-CNN's per-class table (gts, dets, recall, ap)
  beside R002's, mAP curves (Figs 2.1, 2.11) and loss curves (Figs 2.2, 2.12);
- 003: each run (R1 and R2: two seeds of one recipe) at the epochs of the slides' logs
  and at its end; per-run curves (training loss, training accuracy, test accuracy);
- 004: the 8-row ablation (20 classes), final accuracy of both tasks, Adam vs SGD curves.
"""
import argparse

from custom_modules.apps.user_errors import add_debug_arg, user_errors

REPORTS = ('matrix', '000', '001', '002', '003', '004')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--report', default='matrix', choices=REPORTS,
                        help='matrix (default) or a seed report\'s layout')
    parser.add_argument('--work-root', default='work_dirs')
    parser.add_argument('--out', default=None,
                        help='default: <work-root>/report (matrix), <work-root>/report_<id>')
    parser.add_argument('--match', default='*',
                        help='matrix only: only work dirs whose name matches')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        if args.report == 'matrix':
            from custom_modules.apps.reports.matrix import report
            report(args.work_root, args.out, args.match)
        else:
            from custom_modules.apps.reports import build_report
            build_report(args.report, args.work_root, args.out)


if __name__ == '__main__':
    main()
