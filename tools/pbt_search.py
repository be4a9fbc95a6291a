"""Population-based training (Ray Tune) of an mmengine config, then a test of the best member.

    python tools/pbt_search.py CONFIG [--num-samples 8] [--perturbation-interval 10]
        [--address ADDR] [--work-dir DIR] [--cfg-options key=value ...]
    python tools/pbt_search.py --summarize DIR [DIR ...] [--out work_dirs/pbt_summary]

Every member is an mmengine Runner built from CONFIG with its own values of
the hyperparameters in the config's ``pbt_search`` dict (see
``custom_modules/apps/pbt/``). Each member trains ``--perturbation-interval``
epochs at a time and reports validation top-1/top-5 with a checkpoint; at
each such point (synchronously, all members at the same epoch) the bottom
``--quantile-fraction`` of members copy the weights and hyperparameters of a
top member and perturb the hyperparameters, and go on training. One member
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
import json
import os
import os.path as osp
import shutil
import sys

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

from mmengine.config import DictAction

from custom_modules.errors import UserInputError
from custom_modules.apps.launch import build_runner, load_config, user_errors

RESULT_FILE = 'pbt_result.json'
COLUMNS = ['model', 'params', 'best member', 'val top-1', 'val top-5', 'test top-1',
           'test top-5', 'hyperparameters']


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', nargs='?', help='config file with a pbt_search dict')
    parser.add_argument('--num-samples', type=int, default=8, help='population size')
    parser.add_argument('--perturbation-interval', type=int, default=10,
                        help='epochs between exploit/explore steps')
    parser.add_argument('--quantile-fraction', type=float, default=0.25,
                        help='fraction of members that exploit / are exploited')
    parser.add_argument('--async', dest='synch', action='store_false',
                        help="asynchronous PBT (members don't wait for each other)")
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
    if args.num_samples < 2:
        parser.error('--num-samples must be at least 2')
    if args.perturbation_interval < 1:
        parser.error('--perturbation-interval must be at least 1')
    return args


def _params_text(params: dict) -> str:
    return ', '.join(f'{k}={v:.3g}' if isinstance(v, float) else f'{k}={v}'
                     for k, v in sorted(params.items()))


def _row(result: dict) -> dict:
    return {'model': result['model'], 'params': f"{result['params']:,}",
            'best member': result['best_member'], 'val top-1': result['val_top1'],
            'val top-5': result['val_top5'], 'test top-1': result['test_top1'],
            'test top-5': result['test_top5'],
            'hyperparameters': _params_text(result['hyperparameters'])}


def summarize(dirs, out_prefix: str) -> str:
    from custom_modules.apps.reporting import write_table
    rows = []
    for folder in dirs:
        path = osp.join(folder, RESULT_FILE)
        if not osp.isfile(path):
            raise UserInputError(f'{path} does not exist: run tools/pbt_search.py '
                                 f'with --work-dir {folder} first')
        with open(path) as f:
            rows.append(_row(json.load(f)))
    return write_table(rows, COLUMNS, out_prefix + '.md', out_prefix + '.csv')


def test_best(setup: dict, best, work_dir: str) -> dict:
    """Test the best member's last checkpoint on the test set (mmengine Runner)."""
    from custom_modules.apps.pbt import CHECKPOINT_FILE, member_config
    local = osp.join(work_dir, 'best_member')
    shutil.rmtree(local, ignore_errors=True)
    best.checkpoint.to_directory(local)
    cfg = member_config(setup, best.config, osp.join(work_dir, 'best_member_test'))
    cfg.load_from = osp.join(local, CHECKPOINT_FILE)
    runner = build_runner(cfg)
    metrics = runner.test()
    params = sum(p.numel() for p in runner.model.parameters())
    return dict(metrics, params=params, checkpoint=cfg.load_from)


def run_search(args) -> dict:
    os.environ.setdefault('RAY_USAGE_STATS_ENABLED', '0')  # no network calls
    import ray
    from ray import tune
    from ray.tune.schedulers import PopulationBasedTraining

    import custom_modules  # noqa: F401
    from custom_modules.apps.pbt import (METRIC, clip_to_space, exploits, member_histories,
                                    mutations, plot_members, search_space, train_member)
    from custom_modules.apps.reporting import write_table

    cfg = load_config(args.config, args.cfg_options)
    space = search_space(cfg)  # checks the config before Ray starts
    name = osp.splitext(osp.basename(args.config))[0]
    work_dir = osp.abspath(args.work_dir or osp.join('work_dirs', f'pbt_{name}'))
    os.makedirs(work_dir, exist_ok=True)
    setup = dict(config=osp.abspath(args.config), cfg_options=args.cfg_options,
                 interval=args.perturbation_interval, work_dir=work_dir, cwd=os.getcwd())

    runtime_env = {'env_vars': {'PYTHONPATH': REPO, 'RAY_CHDIR_TO_TRIAL_DIR': '0'}}
    if args.address:
        ray.init(address=args.address, runtime_env=runtime_env)
    else:
        ray.init(num_cpus=args.num_cpus, include_dashboard=False, runtime_env=runtime_env)
    try:
        gpus = ray.cluster_resources().get('GPU', 0)
        resources = {'cpu': 1, 'gpu': 1} if gpus else {'cpu': 1}
        print(f'PBT: {args.num_samples} members of {name}, one per '
              f'{"GPU" if gpus else "CPU slot"}, exploit/explore every '
              f'{args.perturbation_interval} epochs; work dir {work_dir}', flush=True)
        scheduler = PopulationBasedTraining(
            time_attr='epoch', perturbation_interval=args.perturbation_interval,
            hyperparam_mutations=mutations(space), custom_explore_fn=clip_to_space(space),
            quantile_fraction=args.quantile_fraction, synch=args.synch)
        trainable = tune.with_resources(tune.with_parameters(train_member, setup=setup),
                                        resources)
        tuner = tune.Tuner(
            trainable,
            param_space=space,
            tune_config=tune.TuneConfig(metric=METRIC, mode='max', scheduler=scheduler,
                                        num_samples=args.num_samples, reuse_actors=True),
            run_config=tune.RunConfig(
                name='tune', storage_path=work_dir, verbose=1,
                # finished members stop before PBT would make them exploit at the end
                stop={'epoch': cfg.train_cfg.max_epochs},
                checkpoint_config=tune.CheckpointConfig(num_to_keep=args.keep_checkpoints)))
        results = tuner.fit()
        errors = [r.error for r in results if r.error]
        if errors:
            raise RuntimeError(f'{len(errors)} PBT member(s) failed; first error: {errors[0]}')
        best = results.get_best_result(metric=METRIC, mode='max', scope='last')
    finally:
        ray.shutdown()

    histories = member_histories(work_dir)
    with open(osp.join(work_dir, 'pbt_history.json'), 'w') as f:
        json.dump(dict(histories=histories, exploits=exploits(histories)), f, indent=1)
    plot_members(histories, osp.join(work_dir, 'pbt_curves.png'), title=f'PBT: {name}')
    tested = test_best(setup, best, work_dir)
    hyperparameters = {k: best.config[k] for k in space}
    result = dict(model=name, config=args.config, params=tested['params'],
                  best_member=best.metrics.get('member', ''),
                  val_top1=best.metrics['val_top1'], val_top5=best.metrics['val_top5'],
                  test_top1=tested['accuracy/top1'], test_top5=tested.get('accuracy/top5'),
                  epoch=best.metrics['epoch'], checkpoint=tested['checkpoint'],
                  hyperparameters=hyperparameters)
    with open(osp.join(work_dir, RESULT_FILE), 'w') as f:
        json.dump(result, f, indent=2)
    print(write_table([_row(result)], COLUMNS, osp.join(work_dir, 'pbt_results.md'),
                      osp.join(work_dir, 'pbt_results.csv')))
    print(f'exploits: {len(exploits(histories))}; curves: {work_dir}/pbt_curves.png')
    return result


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        if args.summarize:
            print(summarize(args.summarize, args.out))
            print(f'written {args.out}.md and {args.out}.csv')
        else:
            run_search(args)


if __name__ == '__main__':
    main()
