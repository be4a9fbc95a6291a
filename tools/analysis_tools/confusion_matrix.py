"""Confusion matrix of a checkpoint or of saved predictions (OpenMMLab's ``confusion_matrix.py``).

    python tools/analysis_tools/confusion_matrix.py CLS_CONFIG CKPT.pth --show-path cm.png
    python tools/analysis_tools/confusion_matrix.py DET_CONFIG PREDS.pkl OUT_DIR
    (PREDS.pkl from ``tools/test.py CONFIG CKPT --out PREDS.pkl``)

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
from custom_modules.apps.analysis import openmmlab


def main(argv=None):
    openmmlab.main('confusion_matrix', argv)


if __name__ == '__main__':
    main()
