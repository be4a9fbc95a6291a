"""Plot any logged scalars of one or more runs in one figure, or report iteration times.

    python tools/analysis_tools/analyze_logs.py plot_curve A/*/vis_data/scalars.json \\
        B/*/vis_data/scalars.json --keys loss accuracy/top1 --out curves.png

Runs mmpretrain's ``analyze_logs.py``, which reads any mmengine JSON log
(classification, detection or segmentation runs); ``--help`` lists its options.
"""
import sys

from custom_modules.apps.analysis import run_analysis_tool
from custom_modules.apps.launch import user_errors


def main(argv=None):
    with user_errors():
        run_analysis_tool('analyze_logs', sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    main()
