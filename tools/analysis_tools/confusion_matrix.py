"""Confusion matrix of a checkpoint or of saved predictions (OpenMMLab's ``confusion_matrix.py``).

    python tools/analysis_tools/confusion_matrix.py CLS_CONFIG CKPT.pth --show-path cm.png
    python tools/analysis_tools/confusion_matrix.py DET_CONFIG PREDS.pkl OUT_DIR
    (PREDS.pkl from ``tools/test.py CONFIG CKPT --out PREDS.pkl``)

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
import sys

from custom_modules.apps.analysis import run_analysis_tool
from custom_modules.apps.launch import user_errors


def main(argv=None):
    with user_errors():
        run_analysis_tool('confusion_matrix', sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    main()
