"""Evaluate a checkpoint on a config's test set (OpenMMLab ``tools/test.py`` flags)."""
import argparse
import os.path as osp
import sys


from custom_modules.errors import UserInputError
from custom_modules.apps.launch import (adapt_to_device, add_common_args,
                                   build_runner, load_run_config, user_errors)

# visualization hook types and how each one is told to draw into a folder
_SHOW_KEYS = {'VisualizationHook': dict(enable=True),       # mmpretrain
              'DetVisualizationHook': dict(draw=True),     # mmdet
              'SegVisualizationHook': dict(draw=True)}     # mmseg


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Test (and evaluate) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    add_common_args(parser)
    parser.add_argument('--out', help='dump the raw predictions to this pickle file')
    parser.add_argument('--pred-csv', help='classification: write one CSV row per test image '
                        '(true class, predicted class, score, top-5)')
    parser.add_argument('--show-dir', help='draw predictions into this folder (classification '
                        'and detection: relative to the run folder inside the work dir; '
                        'segmentation: relative to the work dir, images under vis_data/vis_image)')
    return parser.parse_args(argv)


def build_cfg(args):
    cfg = load_run_config(args)
    if not osp.isfile(args.checkpoint):
        raise UserInputError(f'checkpoint {args.checkpoint} does not exist')
    cfg.load_from = args.checkpoint
    if args.show_dir:
        hook = cfg.default_hooks.get('visualization')
        hook_type = hook.get('type', '').split('.')[-1] if hook else None
        if hook_type not in _SHOW_KEYS:
            raise UserInputError(f'--show-dir needs a visualization hook in '
                                 f'default_hooks of {args.config}')
        hook.update(_SHOW_KEYS[hook_type])
        if hook_type == 'SegVisualizationHook':
            # mmseg's hook draws through the visualizer's backends: every image, into save_dir
            hook['interval'] = 1
            cfg.visualizer['save_dir'] = osp.join(cfg.work_dir, args.show_dir)
        else:
            hook['test_out_dir' if hook_type != 'VisualizationHook' else 'out_dir'] = args.show_dir
    adapt_to_device(cfg, args.launcher)
    return cfg


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        runner = build_runner(build_cfg(args))
        if args.out:
            from mmengine.evaluator import DumpResults
            runner.test_evaluator.metrics.append(DumpResults(out_file_path=args.out))
        if args.pred_csv:
            from custom_modules.plugins.evaluation import PredictionCSV
            metric = PredictionCSV(out_file=args.pred_csv)
            metric.dataset_meta = runner.test_evaluator.dataset_meta
            runner.test_evaluator.metrics.append(metric)
        return runner.test()


if __name__ == '__main__':
    main()
