"""Evaluate a checkpoint on a config's test set (OpenMMLab ``tools/test.py`` flags)."""
import argparse
import os
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))

from mmengine.config import DictAction  # noqa: E402

from custom_modules.errors import UserInputError  # noqa: E402
from custom_modules.launch import (adapt_to_device, default_work_dir,  # noqa: E402
                                   load_config, user_errors)

# visualization hook types and how each one is told to draw into a folder
_SHOW_KEYS = {'VisualizationHook': dict(enable=True),       # mmpretrain
              'DetVisualizationHook': dict(draw=True),     # mmdet
              'SegVisualizationHook': dict(draw=True)}     # mmseg


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Test (and evaluate) a model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='where the evaluation logs go')
    parser.add_argument('--out', help='dump the raw predictions to this pickle file')
    parser.add_argument('--pred-csv', help='classification: write one CSV row per test image '
                        '(true class, predicted class, score, top-5)')
    parser.add_argument('--show-dir', help='draw predictions into this folder '
                        '(relative to the run folder inside the work dir)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def build_cfg(args):
    cfg = load_config(args.config, args.cfg_options)
    if not osp.isfile(args.checkpoint):
        raise UserInputError(f'checkpoint {args.checkpoint} does not exist')
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or default_work_dir(args.config)
    cfg.load_from = args.checkpoint
    if args.show_dir:
        hook = cfg.default_hooks.get('visualization')
        hook_type = hook.get('type', '').split('.')[-1] if hook else None
        if hook_type not in _SHOW_KEYS:
            raise UserInputError(f'--show-dir needs a visualization hook in '
                                 f'default_hooks of {args.config}')
        hook.update(_SHOW_KEYS[hook_type])
        hook['test_out_dir' if hook_type != 'VisualizationHook' else 'out_dir'] = args.show_dir
    adapt_to_device(cfg, args.launcher)
    return cfg


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        cfg = build_cfg(args)
        from mmengine.registry import RUNNERS
        from mmengine.runner import Runner
        runner = (Runner.from_cfg(cfg) if 'runner_type' not in cfg
                  else RUNNERS.build(cfg))
        if args.out:
            from mmengine.evaluator import DumpResults
            runner.test_evaluator.metrics.append(DumpResults(out_file_path=args.out))
        if args.pred_csv:
            from custom_modules.evaluation import PredictionCSV
            metric = PredictionCSV(out_file=args.pred_csv)
            metric.dataset_meta = runner.test_evaluator.dataset_meta
            runner.test_evaluator.metrics.append(metric)
        return runner.test()


if __name__ == '__main__':
    main()
