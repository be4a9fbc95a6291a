"""The PBT search of ``tools/pbt_search.py``: Ray Tune's PopulationBasedTraining over
members (:mod:`.member`), a test of the best member, its table and curves; and the
summary table of several searches' ``pbt_result.json``."""
import json
import os
import os.path as osp
import shutil
from typing import Optional, Sequence

from custom_modules.errors import UserInputError

from ..reports.figures import write_table
from ..reports.pbt import plot_members
from ..results import PBT_RESULT_FILE, exploits, member_histories, write_json
from ..run.config import load_config
from ..run.ray_cluster import ray_session
from ..run.runner import build_runner
from .member import CHECKPOINT_FILE, METRIC, member_config, train_member
from .settings import pbt_settings
from .space import explorer, priors, search_space

RESULT_FILE = PBT_RESULT_FILE  # the reports find the run by its experiment metadata
COLUMNS = ['model', 'params', 'best member', 'val top-1', 'val top-5', 'test top-1',
           'test top-5', 'hyperparameters']


def _params_text(params: dict) -> str:
    return ', '.join(f'{k}={v:.3g}' if isinstance(v, float) else f'{k}={v}'
                     for k, v in sorted(params.items()))


def _row(result: dict) -> dict:
    return {'model': result['model'], 'params': f"{result['params']:,}",
            'best member': result['best_member'], 'val top-1': result['val_top1'],
            'val top-5': result['val_top5'], 'test top-1': result['test_top1'],
            'test top-5': result['test_top5'],
            'hyperparameters': _params_text(result['hyperparameters'])}


def summarize(dirs: Sequence[str], out_prefix: str) -> str:
    """One table (``out_prefix``.md/.csv) of the ``pbt_result.json`` of ``dirs``."""
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
    local = osp.join(work_dir, 'best_member')
    shutil.rmtree(local, ignore_errors=True)
    best.checkpoint.to_directory(local)
    cfg = member_config(setup, best.config, osp.join(work_dir, 'best_member_test'))
    cfg.load_from = osp.join(local, CHECKPOINT_FILE)
    runner = build_runner(cfg)
    metrics = runner.test()
    params = sum(p.numel() for p in runner.model.parameters())
    return dict(metrics, params=params, checkpoint=cfg.load_from)


def make_scheduler(space: dict, settings: dict):
    """Ray Tune's PBT scheduler for :func:`.settings.pbt_settings` ``settings``, ranking by
    :data:`METRIC` at every ``perturbation_interval`` epochs. It gets no
    ``hyperparam_mutations``: the whole explore step is :func:`.space.explorer`'s."""
    from ray.tune.schedulers import PopulationBasedTraining
    return PopulationBasedTraining(
        time_attr='epoch', perturbation_interval=settings['perturbation_interval'],
        custom_explore_fn=explorer(space, settings['resample_probability']),
        quantile_fraction=settings['quantile_fraction'], synch=settings['synch'])


def _tune(setup: dict, cfg, name: str, settings: dict, keep_checkpoints: int,
          address: Optional[str], num_cpus: Optional[int]):
    """Run the population with Ray Tune; the best member's Tune result."""
    with ray_session(address, num_cpus, {'RAY_CHDIR_TO_TRIAL_DIR': '0'}) as ray:
        from ray import tune

        gpus = ray.cluster_resources().get('GPU', 0)
        resources = {'cpu': 1, 'gpu': 1} if gpus else {'cpu': 1}
        mode = 'synchronous' if settings['synch'] else 'asynchronous'
        print(f'PBT: {settings["num_samples"]} members of {name}, one per '
              f'{"GPU" if gpus else "CPU slot"}, exploit/explore every '
              f'{setup["interval"]} epochs ({mode}, quantile '
              f'{settings["quantile_fraction"]}); work dir {setup["work_dir"]}', flush=True)
        scheduler = make_scheduler(priors(cfg), settings)
        trainable = tune.with_resources(tune.with_parameters(train_member, setup=setup),
                                        resources)
        tuner = tune.Tuner(
            trainable,
            param_space=search_space(cfg),  # every member draws from the priors
            tune_config=tune.TuneConfig(metric=METRIC, mode='max', scheduler=scheduler,
                                        num_samples=settings['num_samples'],
                                        reuse_actors=True),
            run_config=tune.RunConfig(
                name='tune', storage_path=setup['work_dir'], verbose=1,
                # finished members stop before PBT would make them exploit at the end
                stop={'epoch': cfg.train_cfg.max_epochs},
                checkpoint_config=tune.CheckpointConfig(num_to_keep=keep_checkpoints)))
        results = tuner.fit()
        errors = [r.error for r in results if r.error]
        if errors:
            raise RuntimeError(f'{len(errors)} PBT member(s) failed; first error: {errors[0]}')
        return results.get_best_result(metric=METRIC, mode='max', scope='last')


def run_search(config: str, cfg_options: Optional[dict] = None,
               settings: Optional[dict] = None, keep_checkpoints: int = 4,
               work_dir: Optional[str] = None, address: Optional[str] = None,
               num_cpus: Optional[int] = None) -> dict:
    """PBT of ``config`` (see ``tools/pbt_search.py``); writes and returns the best result.

    ``settings`` override the config's ``pbt_scheduler`` (:func:`.settings.pbt_settings`).
    """
    cfg = load_config(config, cfg_options)
    space = priors(cfg)  # checks the config before Ray starts
    settings = pbt_settings(cfg, settings)
    name = osp.splitext(osp.basename(config))[0]
    work_dir = osp.abspath(work_dir or osp.join('work_dirs', f'pbt_{name}'))
    os.makedirs(work_dir, exist_ok=True)
    setup = dict(config=osp.abspath(config), cfg_options=cfg_options,
                 interval=settings['perturbation_interval'], work_dir=work_dir,
                 cwd=os.getcwd())
    best = _tune(setup, cfg, name, settings, keep_checkpoints, address, num_cpus)

    histories = member_histories(work_dir)
    write_json(osp.join(work_dir, 'pbt_history.json'),
               dict(histories=histories, exploits=exploits(histories)))
    plot_members(histories, osp.join(work_dir, 'pbt_curves.png'), title=f'PBT: {name}')
    tested = test_best(setup, best, work_dir)
    result = dict(model=name, config=config, params=tested['params'],
                  best_member=best.metrics.get('member', ''),
                  val_top1=best.metrics['val_top1'], val_top5=best.metrics['val_top5'],
                  test_top1=tested['accuracy/top1'], test_top5=tested.get('accuracy/top5'),
                  epoch=best.metrics['epoch'], checkpoint=tested['checkpoint'],
                  hyperparameters={k: best.config[k] for k in space}, pbt=settings,
                  experiment=dict(cfg.get('experiment') or {}))
    write_json(osp.join(work_dir, RESULT_FILE), result)
    print(write_table([_row(result)], COLUMNS, osp.join(work_dir, 'pbt_results.md'),
                      osp.join(work_dir, 'pbt_results.csv')))
    print(f'exploits: {len(exploits(histories))}; curves: {work_dir}/pbt_curves.png')
    return result
