"""One prepared GPU check: the speed goals (training, packing, detection, video), mmcv's CUDA ops.

Sections (each guarded: a failure or time-out is recorded and the rest still run):
ops (mmcv NMS/RoIAlign vs torchvision), train (CIFAR-100 ResNet-18 Runner vs plain loop,
fp32 / --amp --channels-last / --compile), packed (1, 2, 4 runs on one GPU through
run_matrix.py's Ray engine), det (C4 Faster R-CNN and FCOS training iterations/s), seg
(PSPNet and OCRNet seg_video frames/s, fp32 and --amp). About 8 minutes on one GPU;
writes OUT_DIR/gpu_check.json and OUT_DIR/gpu_check.md after every section.

    python tools/gpu_check.py [--out-dir work_dirs/gpu_check] [--sections ops train ...]
        [--budget 440]
    python tools/gpu_check.py --device cpu --tiny    # the script itself, in seconds
"""
import argparse

from custom_modules.apps.benchmarks.gpu_check import SECTIONS, Settings, gpu_check, markdown
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    add_debug_arg(parser)
    parser.add_argument('--out-dir', default='work_dirs/gpu_check')
    parser.add_argument('--device', choices=['cuda', 'cpu'], default='cuda')
    parser.add_argument('--tiny', action='store_true',
                        help='two-image batches, one iteration, small inputs (a smoke run)')
    parser.add_argument('--sections', nargs='+', choices=list(SECTIONS), metavar='SECTION',
                        help=f'run only these, in this order ({", ".join(SECTIONS)})')
    parser.add_argument('--budget', type=float,
                        help='seconds for all sections (default 440; each section also '
                        'has its own limit)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        settings = Settings.tiny(args.device) if args.tiny else Settings(device=args.device)
        if args.budget is not None:
            settings.budget_s = args.budget
        results = gpu_check(args.out_dir, settings, args.sections)
    failed = [n for n, s in results['sections'].items() if s['status'] != 'ok']
    print(markdown(results))
    print(f'[gpu_check] wrote {args.out_dir}/gpu_check.json and gpu_check.md'
          + (f'; not ok: {", ".join(failed)}' if failed else '; every section ok'))


if __name__ == '__main__':
    main()
