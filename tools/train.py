"""Train a model from a config with mmengine's Runner (OpenMMLab ``tools/train.py`` flags)."""
import argparse

from custom_modules.apps.run.cli import add_common_args
from custom_modules.apps.run.train_test import RunSpec, build_train_cfg, run_train
from custom_modules.apps.user_errors import user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    add_common_args(parser)
    parser.add_argument('--resume', nargs='?', type=str, const='auto',
                        help='resume from this checkpoint, or from the latest '
                        'one in the work dir if no path is given')
    parser.add_argument('--amp', action='store_true',
                        help='automatic mixed precision: bfloat16 where supported (CPUs, '
                        'recent GPUs), else float16 with dynamic loss scaling')
    parser.add_argument('--channels-last', action='store_true',
                        help='model and batches in the channels-last memory format')
    parser.add_argument('--compile', action='store_true',
                        help='torch.compile the model (mmengine\'s compile setting)')
    parser.add_argument('--auto-scale-lr', action='store_true',
                        help='scale the lr by the actual total batch size')
    parser.add_argument('--no-validate', action='store_true',
                        help='skip validation during training')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug, args.config):
        run_train(build_train_cfg(RunSpec.from_args(args)))


if __name__ == '__main__':
    main()
