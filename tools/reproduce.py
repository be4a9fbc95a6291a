"""Reproduce a whole report: plan and cost, every run in dependency order, the report folder.

    python tools/reproduce.py REPORT --plan              # steps, configs, data, cost
    python tools/reproduce.py REPORT [--gpus N | --ray [--address auto] [--gpus-per-run F]]
    python tools/reproduce.py REPORT --status            # each step's state, tables so far
    python tools/reproduce.py REPORT --smoke             # the whole pipeline on generated data

REPORT is 000, 001, 002, 003, 004 or all. Runs go to ``--work-root`` (default
``work_dirs``; ``--smoke``: ``work_dirs/smoke``), one work dir per config; the report
to ``<work root>/report_<REPORT>/`` (``--out``): its tables (Markdown and CSV, beside the
report's published figures and the difference), figures (PNG) and ``README.md``;
``<work root>/reports.md`` lists the reports with their state. Finished steps are
skipped and interrupted runs resume from their last checkpoint: after an interruption
(Ctrl-C, SIGTERM, SIGKILL, a lost machine) run the same command again. A failed step is
reported with its log (``<work root>/reproduce/logs/``), the steps that do not need it
still run, and the exit code is 1. One invocation per work root at a time (a lock file
names the holder). The cost comes from images/s measured by a short benchmark_train run
per model on this device (cached in ``<work root>/reproduce/throughput.json``) or from
``--throughput``.
"""
import argparse
import sys

from custom_modules.apps.user_errors import add_debug_arg, user_errors

REPORTS = ('000', '001', '002', '003', '004', 'all')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_debug_arg(parser)
    parser.add_argument('report', choices=REPORTS, help='the report to reproduce, or all')
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument('--plan', action='store_true', help='print the plan and cost, run nothing')
    mode.add_argument('--status', action='store_true',
                      help="each step's state and the tables filled with what is finished")
    parser.add_argument('--smoke', action='store_true',
                        help='on the CPU, generated data, 2 epochs of 1 iteration')
    parser.add_argument('--work-root', help='default: work_dirs (--smoke: work_dirs/smoke)')
    parser.add_argument('--out', help='report folder (default: <work root>/report_<REPORT>)')
    parser.add_argument('--measure', action='store_true',
                        help='--plan: measure the images/s not cached yet')
    parser.add_argument('--throughput', type=float, metavar='IMAGES_PER_S',
                        help='images/s for every run of the estimate instead of measuring')
    parser.add_argument('--gpus', type=int, default=1,
                        help='> 1: each run on N GPUs through tools/dist_train.sh')
    ray = parser.add_argument_group('Ray', 'the runs as tasks on a Ray cluster')
    ray.add_argument('--ray', action='store_true', help='independent runs as Ray tasks')
    ray.add_argument('--address', help='an existing cluster (e.g. auto); default: a local one')
    ray.add_argument('--gpus-per-run', type=float,
                     help='GPUs per run (a fraction packs runs on one GPU)')
    args = parser.parse_args(argv)
    if args.gpus < 1:
        parser.error('--gpus must be at least 1')
    if args.ray and args.gpus > 1:
        parser.error('--ray and --gpus N are two ways to run: give one')
    if args.throughput is not None and args.throughput <= 0:
        parser.error('--throughput must be positive')
    args.work_root = args.work_root or ('work_dirs/smoke' if args.smoke else 'work_dirs')
    return args


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        from custom_modules.apps.run.reproduce import Actions, Options, reproduce
        opts = Options(args.report, args.work_root, args.out, args.plan, args.status,
                       args.smoke, args.measure, args.throughput, args.gpus, args.ray,
                       args.address, args.gpus_per_run)
        actions = Actions()
        if not args.status and (args.measure or not args.plan):
            from custom_modules.apps.benchmarks.train_throughput import runner_images_per_second
            from custom_modules.apps.detection.compare import compare_detectors
            from custom_modules.apps.detection.proposals import draw_proposals
            from custom_modules.apps.pbt.search import run_search
            from custom_modules.apps.video.camvid_run import eval_camvid
            from custom_modules.apps.video.pipeline import VideoOptions, segment_sequences
            actions = Actions(
                bench=runner_images_per_second,
                pbt_search=run_search, proposals=draw_proposals, compare=compare_detectors,
                camvid=eval_camvid, video=segment_sequences, video_options=VideoOptions)
        code = reproduce(opts, actions)
    sys.exit(code)


if __name__ == '__main__':
    main()
