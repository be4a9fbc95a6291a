"""Draw a config's training images after its pipeline (OpenMMLab's ``browse_dataset.py``).

    python tools/analysis_tools/browse_dataset.py CONFIG --output-dir DIR --not-show

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
import sys

from custom_modules.apps.analysis import run_analysis_tool
from custom_modules.apps.launch import user_errors


def main(argv=None):
    with user_errors():
        run_analysis_tool('browse_dataset', sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    main()
