"""Train a model from a config with mmengine's Runner (OpenMMLab ``tools/train.py`` flags)."""
import argparse
import os.path as osp
import sys


from custom_modules.apps.launch import (adapt_to_device, add_common_args,
                                   build_runner, load_run_config, user_errors)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    add_common_args(parser)
    parser.add_argument('--resume', nargs='?', type=str, const='auto',
                        help='resume from this checkpoint, or from the latest '
                        'one in the work dir if no path is given')
    parser.add_argument('--amp', action='store_true',
                        help='automatic mixed precision (needs a GPU)')
    parser.add_argument('--auto-scale-lr', action='store_true',
                        help='scale the lr by the actual total batch size')
    parser.add_argument('--no-validate', action='store_true',
                        help='skip validation during training')
    return parser.parse_args(argv)


def build_cfg(args):
    cfg = load_run_config(args)
    if args.amp:
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.auto_scale_lr:
        cfg.auto_scale_lr = dict(cfg.get('auto_scale_lr') or {}, enable=True)
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    if args.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif args.resume:
        cfg.resume, cfg.load_from = True, args.resume
    adapt_to_device(cfg, args.launcher)
    return cfg


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        build_runner(build_cfg(args)).train()


if __name__ == '__main__':
    main()
