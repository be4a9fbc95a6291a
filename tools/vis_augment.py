"""A PNG grid of the same real images: raw / Mixup / Cutout / CutMix, as the CIFAR configs
apply them.

    python tools/vis_augment.py [--config configs/cifar100/resnet18_1xb128_cifar100.py]
                                [--num 6] [--out work_dirs/vis_augment.png]

Images come from the config's validation split (data/cifar100); without that
data it uses scikit-learn's digits in CIFAR format (data/digits_cifar, made
on the fly). Augmentations run on the normalised batch exactly as in training
and are shown de-normalised; each panel's title gives its label weights.
"""
import argparse

from custom_modules.apps.user_errors import add_debug_arg, user_errors
from custom_modules.apps.vis_augment import augmentation_figure


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--config', default='configs/cifar100/resnet18_1xb128_cifar100.py')
    parser.add_argument('--num', type=int, default=6)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='work_dirs/vis_augment.png')
    args = parser.parse_args(argv)
    with user_errors(args.debug):
        augmentation_figure(args.config, args.num, args.seed, args.out)


if __name__ == '__main__':
    main()
