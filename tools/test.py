"""Evaluate a checkpoint on a config's test set (OpenMMLab ``tools/test.py`` flags)."""
import argparse

from custom_modules.apps.run.cli import add_allow_partial_arg, add_common_args
from custom_modules.apps.run.train_test import RunSpec, build_test_cfg, run_test
from custom_modules.apps.user_errors import user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Test (and evaluate) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    add_common_args(parser)
    parser.add_argument('--out', help='dump the raw predictions to this pickle file')
    parser.add_argument('--pred-csv', help='classification: write one CSV row per test image '
                        '(true class, predicted class, score, top-5)')
    parser.add_argument('--metrics-out', help='write the test metrics to this JSON file')
    parser.add_argument('--show-dir', help='draw predictions into this folder (classification '
                        'and detection: relative to the run folder inside the work dir; '
                        'segmentation: relative to the work dir, images under vis_data/vis_image)')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug, args.config):
        cfg = build_test_cfg(RunSpec.from_args(args), args.checkpoint, args.show_dir)
        return run_test(cfg, args.out, args.pred_csv, args.metrics_out, args.allow_partial)


if __name__ == '__main__':
    main()
