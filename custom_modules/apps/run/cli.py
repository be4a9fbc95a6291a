"""The flags ``tools/train.py`` and ``tools/test.py`` share (OpenMMLab's), and
``--cfg-options`` parsed from strings as on the command line."""
import argparse

from mmengine.config import DictAction

from custom_modules.errors import UserInputError

from ..user_errors import add_debug_arg


def add_common_args(parser) -> None:
    """The flags tools/train.py and tools/test.py share: overrides and launcher."""
    parser.add_argument('--work-dir', help='where logs (and checkpoints) go '
                        '(default: work_dirs/<config name>)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. train_cfg.max_epochs=2')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    add_debug_arg(parser)


def add_allow_partial_arg(parser) -> None:
    """``--allow-partial``: evaluate with a checkpoint that does not fit the model exactly."""
    parser.add_argument('--allow-partial', action='store_true',
                        help='use the checkpoint even if it does not fit the model exactly '
                        '(missing, unexpected or reshaped tensors keep their initial values)')


def parse_cfg_options(items) -> dict:
    """``['a.b=1', 'c=[1,2]']`` parsed as ``--cfg-options`` parses them (mmengine's DictAction)."""
    bad = [item for item in items if '=' not in item]
    if bad:
        raise UserInputError(f'--cfg-options {bad[0]!r} is not KEY=VALUE')
    parser = argparse.ArgumentParser(prog='--cfg-options')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(['--cfg-options', *items] if items else []).cfg_options
