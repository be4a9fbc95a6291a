"""Draw a config's training images after its pipeline (OpenMMLab's ``browse_dataset.py``).

    python tools/analysis_tools/browse_dataset.py CONFIG --output-dir DIR --not-show

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
from custom_modules.apps.analysis import openmmlab


def main(argv=None):
    openmmlab.main('browse_dataset', argv)


if __name__ == '__main__':
    main()
