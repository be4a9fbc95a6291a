"""Population-based training (Ray Tune) of an mmengine config, then a test of the best member.

    python tools/pbt_search.py CONFIG [--num-samples N] [--perturbation-interval E]
        [--quantile-fraction F] [--resample-probability P] [--sync | --async]
        [--address ADDR] [--work-dir DIR] [--cfg-options key=value ...]
    python tools/pbt_search.py --summarize DIR [DIR ...] [--out work_dirs/pbt_summary]

Every member is an mmengine Runner built from CONFIG with its own values of
the hyperparameters in the config's ``pbt_search`` dict, drawn from their
priors (see ``custom_modules/apps/pbt/``). Each member trains
``--perturbation-interval`` epochs at a time and reports validation
top-1/top-5 with a checkpoint; at each such point a member in the bottom
``--quantile-fraction`` (by the latest scores) copies the weights, optimizer
state, epoch and hyperparameters of a random top member and explores the
hyperparameters (resampled from the prior with ``--resample-probability``,
else x1.2/x0.8 or the neighbouring list entry; never clipped to the prior's
range), and goes on training. ``--async``: each member decides at its own
boundary; ``--sync``: all members wait for each other. Defaults: the config's
``pbt_scheduler`` dict, else 8 members, 10 epochs, 0.25, 0.25, synchronous
(configs/cifar100_vit/*-pbt-* say asynchronous). One member
runs per GPU, or per CPU slot when there are no GPUs; ``--address`` joins an
existing Ray cluster (the repo, data and work dir must then be at the same
paths on every node, e.g. a shared file system).

Writes into the work dir (default ``work_dirs/pbt_<config name>``):
``tune/`` (Ray Tune's experiment: per-member results and checkpoints,
``pbt_global.txt``), ``members/<trial>/`` (each member's mmengine logs),
``pbt_result.json`` and ``pbt_results.{md,csv}`` (best member: validation and
test top-1/top-5 and its hyperparameters), ``pbt_history.json`` (every
member's reports) and ``pbt_curves.png`` (every member's validation top-1,
X where its weights were replaced). ``--summarize`` merges several work dirs'
``pbt_result.json`` into one table (e.g. the three models of
``configs/cifar100_vit/``).
"""
import argparse

from mmengine.config import DictAction

from custom_modules.apps.pbt.search import run_search, summarize
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    add_debug_arg(parser)
    parser.add_argument('config', nargs='?', help='config file with a pbt_search dict')
    parser.add_argument('--num-samples', type=int,
                        help='population size (default: config pbt_scheduler, else 8)')
    parser.add_argument('--perturbation-interval', type=int,
                        help='epochs between exploit/explore steps (default: config, else 10)')
    parser.add_argument('--quantile-fraction', type=float,
                        help='fraction of members that exploit / are exploited (default: '
                        'config, else 0.25)')
    parser.add_argument('--resample-probability', type=float,
                        help='probability of resampling an explored value from its prior '
                        '(default: config, else 0.25)')
    sync = parser.add_mutually_exclusive_group()
    sync.add_argument('--async', dest='synch', action='store_false', default=None,
                      help="asynchronous PBT (members don't wait for each other)")
    sync.add_argument('--sync', dest='synch', action='store_true', default=None,
                      help='synchronous PBT (all members decide at the same epoch)')
    parser.add_argument('--address', help='address of an existing Ray cluster (e.g. auto '
                        'or HOST:6379); default: start Ray on this machine')
    parser.add_argument('--num-cpus', type=int, help='CPUs of the local Ray instance')
    parser.add_argument('--keep-checkpoints', type=int, default=4,
                        help='checkpoints kept per member')
    parser.add_argument('--work-dir', help='default: work_dirs/pbt_<config name>')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, e.g. train_cfg.max_epochs=20')
    parser.add_argument('--summarize', nargs='+', metavar='DIR',
                        help='merge the pbt_result.json of these work dirs into one table')
    parser.add_argument('--out', default='work_dirs/pbt_summary',
                        help='--summarize: output prefix for .md/.csv')
    args = parser.parse_args(argv)
    if not args.summarize and not args.config:
        parser.error('CONFIG is required (or use --summarize DIR ...)')
    if args.num_samples is not None and args.num_samples < 2:
        parser.error('--num-samples must be at least 2')
    if args.perturbation_interval is not None and args.perturbation_interval < 1:
        parser.error('--perturbation-interval must be at least 1')
    return args


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        if args.summarize:
            print(summarize(args.summarize, args.out))
            print(f'written {args.out}.md and {args.out}.csv')
        else:
            settings = dict(num_samples=args.num_samples,
                            perturbation_interval=args.perturbation_interval,
                            quantile_fraction=args.quantile_fraction,
                            resample_probability=args.resample_probability, synch=args.synch)
            run_search(args.config, args.cfg_options, settings, args.keep_checkpoints,
                       args.work_dir, args.address, args.num_cpus)


if __name__ == '__main__':
    main()
