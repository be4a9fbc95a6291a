"""A PNG grid of the same real images: raw / Mixup / Cutout / CutMix.

    python tools/vis_augment.py [--config configs/cifar100/resnet18_1xb128_cifar100.py]
                                [--num 6] [--alpha 0.4] [--cutout-size 8] [--out PNG]
    python tools/vis_augment.py --images bird.jpg cat.jpg dog.jpg [--preset report000]
                                [--size 128] [--alpha 0.5] [--cutout-size 32]
                                [--panel-dir DIR] [--out PNG]

Without --images, the images come from the config's validation split
(data/cifar100; without that data, scikit-learn's digits in CIFAR format,
data/digits_cifar, made on the fly) and the augmentations run on the
normalised batch exactly as in training (random pairing in the batch), shown
de-normalised; each panel's title gives its label weights.

With --images (report 000's figure, whose settings --preset report000 names and
which are the defaults there): each photo is resized to --size x --size, photo
i is paired with photo i+1 (the last with the first); panels "raw picture",
"mixup result" (lambda ~ Beta(alpha, alpha) per pair), "cutout result" (one
black --cutout-size square) and "cutmix result" (a box of sqrt(1 - lambda) of
each side from the partner). --panel-dir also writes every panel as a PNG
(bird_raw.png, bird_mixup_cat.png, bird_cutout.png, bird_cutmix_cat.png, ...).
"""
import argparse

from custom_modules.apps.reports.augmentation import REPORT000, augmentation_figure, photo_figure
from custom_modules.apps.user_errors import add_debug_arg, user_errors

CONFIG_DEFAULTS = dict(alpha=0.4, cutout_size=8)  # the CIFAR configs' Mixup/CutMix and Cutout


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('--config', default='configs/cifar100/resnet18_1xb128_cifar100.py')
    parser.add_argument('--num', type=int, default=6, help='images from the config')
    parser.add_argument('--images', nargs='+', metavar='IMAGE',
                        help='photos to show instead of the config\'s images (two or more)')
    parser.add_argument('--preset', choices=['report000'],
                        help='report 000: --size 128 --alpha 0.5 --cutout-size 32')
    parser.add_argument('--size', type=int, help='side of the resized photos (default 128)')
    parser.add_argument('--alpha', type=float, help='Mixup and CutMix alpha')
    parser.add_argument('--cutout-size', type=int, help='side of the Cutout square (px)')
    parser.add_argument('--panel-dir', help='also write each photo panel as a PNG here')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='work_dirs/vis_augment.png')
    args = parser.parse_args(argv)
    given = {k: v for k, v in vars(args).items()
             if k in ('size', 'alpha', 'cutout_size') and v is not None}
    if not args.images:
        if args.preset or args.panel_dir or 'size' in given:
            parser.error('--preset, --size and --panel-dir need --images')
        settings = {**CONFIG_DEFAULTS, **given}
        with user_errors(args.debug):
            augmentation_figure(args.config, args.num, args.seed, args.out, **settings)
        return
    settings = {**REPORT000, **given}
    with user_errors(args.debug):
        photo_figure(args.images, args.out, seed=args.seed, panel_dir=args.panel_dir,
                     **settings)


if __name__ == '__main__':
    main()
