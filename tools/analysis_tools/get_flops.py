"""FLOPs and parameters of a config's model (OpenMMLab's ``get_flops.py``).

    python tools/analysis_tools/get_flops.py configs/cifar100/resnet18_1xb128_cifar100.py --shape 32

Runs the installed mmpretrain/mmdet/mmseg script that matches the config's
``default_scope``; ``--help`` lists its options.
"""
from custom_modules.apps.analysis import openmmlab


def main(argv=None):
    openmmlab.main('get_flops', argv)


if __name__ == '__main__':
    main()
