"""Plot any logged scalars of one or more runs in one figure, or report iteration times.

    python tools/analysis_tools/analyze_logs.py plot_curve A/*/vis_data/scalars.json \\
        B/*/vis_data/scalars.json --keys loss accuracy/top1 --out curves.png

Runs mmpretrain's ``analyze_logs.py``, which reads any mmengine JSON log
(classification, detection or segmentation runs); ``--help`` lists its options.
"""
from custom_modules.apps.analysis import openmmlab


def main(argv=None):
    openmmlab.main('analyze_logs', argv)


if __name__ == '__main__':
    main()
