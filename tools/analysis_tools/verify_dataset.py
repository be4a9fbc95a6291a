"""Read every image (and segmentation map) of a config's datasets once; list unreadable ones.

    python tools/analysis_tools/verify_dataset.py CONFIG [--phase train val test] \
        [--cfg-options KEY=VALUE ...]

mmpretrain's ``tools/misc/verify_dataset.py`` for classification, detection and
segmentation configs: prints each unreadable file with the reason (missing,
not an image, truncated or corrupt, a segmentation map of another size than
its image), then a summary line. Exit code 0 when every file reads, 2 with an
``error:`` line naming the count and the first bad file otherwise.
"""
import argparse

from mmengine.config import DictAction

from custom_modules.apps.analysis.verify_dataset import PHASES, verify
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='config file path')
    parser.add_argument('--phase', nargs='+', choices=PHASES,
                        help='the dataloaders whose datasets are read (default: every one '
                        'the config has)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. '
                        'train_dataloader.dataset.data_root=data/mine')
    add_debug_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug, args.config):
        verify(args.config, args.cfg_options, args.phase)


if __name__ == '__main__':
    main()
