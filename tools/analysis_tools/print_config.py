"""Print a config after inheritance and ``--cfg-options`` (OpenMMLab's ``print_config.py``).

    python tools/analysis_tools/print_config.py configs/cifar100/resnet18_1xb128_cifar100.py

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
from custom_modules.apps.analysis import openmmlab


def main(argv=None):
    openmmlab.main('print_config', argv)


if __name__ == '__main__':
    main()
