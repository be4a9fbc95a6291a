"""Print a config after inheritance and ``--cfg-options`` (OpenMMLab's ``print_config.py``).

    python tools/analysis_tools/print_config.py configs/cifar100/resnet18_1xb128_cifar100.py

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
import sys

from custom_modules.apps.analysis import run_analysis_tool
from custom_modules.apps.launch import user_errors


def main(argv=None):
    with user_errors():
        run_analysis_tool('print_config', sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    main()
