"""FLOPs and parameters of a config's model (OpenMMLab's ``get_flops.py``).

    python tools/analysis_tools/get_flops.py configs/cifar100/resnet18_1xb128_cifar100.py --shape 32

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
import sys

from custom_modules.apps.analysis import run_analysis_tool
from custom_modules.apps.launch import user_errors


def main(argv=None):
    with user_errors():
        run_analysis_tool('get_flops', sys.argv[1:] if argv is None else argv)


if __name__ == '__main__':
    main()
