"""Population-based training (Ray Tune's PBT) with mmengine Runners as the trials.

Used by ``tools/pbt_search.py``. Each member is one ``Runner`` built from the
config with the member's hyperparameters (:data:`HYPERPARAMETERS` knows where
each one lives in a config). The Runner trains; :class:`TuneReportHook`
reports validation top-1/top-5 to Tune every ``interval`` epochs together with
a Tune ``Checkpoint`` holding the Runner's own ``.pth`` (loaded back through
mmengine, i.e. with the repo's safe loader). When PBT makes a member exploit
another, Tune restarts it with the other member's checkpoint and perturbed
hyperparameters: the new Runner resumes from that checkpoint
(``ConfigOptimOnResumeHook`` makes the new lr/weight decay take effect) and
the member records, in its next report, whose weights it loaded and their
fingerprint, next to the fingerprint the donor recorded when it saved them.
Ray is imported lazily: the rest of the repo does not need it.
"""
import copy
import glob
import hashlib
import json
import os
import os.path as osp
import shutil
import tempfile
import uuid
from typing import Callable, Dict, List, Optional

from mmengine.hooks import Hook

from .errors import ConfigError
from .launch import build_runner, load_config

CHECKPOINT_FILE = 'mmengine.pth'
META_FILE = 'member.json'
METRIC = 'val_top1'


def _transform(cfg, type_name: str) -> dict:
    pipeline = cfg.train_dataloader.dataset.get('pipeline') or []
    found = [t for t in pipeline if t.get('type') == type_name]
    if not found:
        raise ConfigError(f'config has no {type_name} in train_dataloader.dataset.pipeline; '
                          f'remove its hyperparameter from pbt_search')
    return found[0]


def _set_min_crop_area(cfg, value):
    crop = _transform(cfg, 'RandomResizedCrop')
    crop['crop_ratio_range'] = (float(value), float(crop.get('crop_ratio_range', (0, 1.0))[1]))


# hyperparameter name -> how it is written into a config
HYPERPARAMETERS: Dict[str, Callable] = {
    'min_crop_area': _set_min_crop_area,
    'erase_prob': lambda cfg, v: _transform(cfg, 'RandomErasing').update(erase_prob=float(v)),
    'drop_path_rate': lambda cfg, v: cfg.model.backbone.update(drop_path_rate=float(v)),
    'lr': lambda cfg, v: cfg.optim_wrapper.optimizer.update(lr=float(v)),
    'weight_decay': lambda cfg, v: cfg.optim_wrapper.optimizer.update(weight_decay=float(v)),
    'batch_size': lambda cfg, v: cfg.train_dataloader.update(batch_size=int(v)),
}


def apply_hyperparameters(cfg, params: dict):
    """Write ``params`` (names of :data:`HYPERPARAMETERS`) into ``cfg`` in place."""
    for name, value in params.items():
        if name in HYPERPARAMETERS:
            HYPERPARAMETERS[name](cfg, value)
    return cfg


def search_space(cfg) -> dict:
    """Tune search-space objects from the config's ``pbt_search`` dict."""
    from ray import tune
    spec = cfg.get('pbt_search')
    if not spec:
        raise ConfigError('config has no `pbt_search` dict (hyperparameter -> '
                          'dict(type=uniform|loguniform|choice, ...)); see '
                          'configs/_base_/cifar100_deit.py')
    space = {}
    for name, dist in spec.items():
        if name not in HYPERPARAMETERS:
            raise ConfigError(f'pbt_search: unknown hyperparameter {name!r}; '
                              f'known: {sorted(HYPERPARAMETERS)}')
        kind = dist.get('type')
        try:
            if kind in ('uniform', 'loguniform'):
                space[name] = getattr(tune, kind)(float(dist['low']), float(dist['high']))
            elif kind == 'choice':
                space[name] = tune.choice(list(dist['values']))
            else:
                raise ConfigError(f'pbt_search.{name}: type must be uniform, loguniform '
                                  f'or choice, got {kind!r}')
        except KeyError as e:
            raise ConfigError(f'pbt_search.{name}: missing {e}') from None
    apply_hyperparameters(copy.deepcopy(cfg), {k: _example(v) for k, v in space.items()})
    return space


def mutations(space: dict) -> dict:
    """PBT's ``hyperparam_mutations``: choices as lists, so that exploring moves
    to a neighbouring value (a ``tune.choice`` would be multiplied by 0.8/1.2)."""
    return {name: list(domain.categories) if hasattr(domain, 'categories') else domain
            for name, domain in space.items()}


def clip_to_space(space: dict) -> Callable:
    """PBT's ``custom_explore_fn``: keep perturbed values (x 0.8 / x 1.2) inside their range."""
    bounds = {name: (domain.lower, domain.upper) for name, domain in space.items()
              if hasattr(domain, 'lower') and not hasattr(domain, 'categories')}

    def explore(config: dict) -> dict:
        for name, (low, high) in bounds.items():
            if name in config:
                config[name] = min(max(config[name], low), high)
        return config
    return explore


def _example(domain):
    return domain.sample() if hasattr(domain, 'sample') else domain


def weights_fingerprint(model) -> str:
    """SHA-1 of every parameter and buffer of ``model`` (bytes, device independent)."""
    digest = hashlib.sha1()
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:16]


class TuneReportHook(Hook):
    """Every ``interval`` epochs (and at the end): save the Runner's checkpoint, report
    validation accuracy with it to Tune; after a restart, report whose weights were loaded."""

    priority = 'LOWEST'

    def __init__(self, interval: int, trial_id: str, restored: Optional[dict] = None,
                 hyperparameters: Optional[dict] = None):
        self.interval, self.trial_id, self.restored = interval, trial_id, restored
        self.hyperparameters = hyperparameters or {}
        self.loaded = {}

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        # mmengine's resume adopts the checkpoint's seed; a member that took another
        # member's weights keeps its own, or both would draw the same augmentations
        checkpoint.get('meta', {}).pop('seed', None)

    def before_train(self, runner) -> None:
        if self.restored:  # runs after mmengine's resume: these are the weights in use
            self.loaded = dict(loaded_from_trial=self.restored['trial_id'],
                               loaded_from_epoch=self.restored['epoch'],
                               donor_fingerprint=self.restored['fingerprint'],
                               loaded_fingerprint=weights_fingerprint(runner.model))
            runner.logger.info(f'PBT member {self.trial_id} continues from the weights of '
                               f'{self.restored["trial_id"]} at epoch {self.restored["epoch"]}')

    def after_val_epoch(self, runner, metrics=None) -> None:
        from ray import tune
        epoch = runner.epoch  # completed epochs (the loop counted this one already)
        if epoch % self.interval and epoch < runner.max_epochs:
            return
        metrics = metrics or {}
        folder = tempfile.mkdtemp(prefix='pbt_ckpt_')
        try:
            runner.save_checkpoint(folder, CHECKPOINT_FILE, meta=dict(epoch=epoch))
            fingerprint = weights_fingerprint(runner.model)
            with open(osp.join(folder, META_FILE), 'w') as f:
                json.dump(dict(trial_id=self.trial_id, epoch=epoch, fingerprint=fingerprint), f)
            report = dict(member=self.trial_id, epoch=epoch,
                          val_top1=float(metrics.get('accuracy/top1', 0.0)),
                          val_top5=float(metrics.get('accuracy/top5', 0.0)),
                          fingerprint=fingerprint, loaded_from_trial='', loaded_from_epoch=-1,
                          donor_fingerprint='', loaded_fingerprint='',
                          hyperparameters=self.hyperparameters, seed=runner.seed)
            groups = runner.optim_wrapper.optimizer.param_groups  # what training uses
            report.update(optimizer_lr=max(g.get('initial_lr', g['lr']) for g in groups),
                          optimizer_weight_decay=max(g.get('weight_decay', 0) for g in groups))
            report.update(self.loaded)
            self.loaded = {}
            with open(osp.join(runner.work_dir, REPORTS_FILE), 'a') as f:
                f.write(json.dumps(report) + '\n')
            tune.report(report, checkpoint=tune.Checkpoint.from_directory(folder))
        finally:  # Tune has copied the folder into its storage
            shutil.rmtree(folder, ignore_errors=True)


def member_config(setup: dict, params: dict, work_dir: str, member: str = ''):
    """The Runner config of one member: config file + overrides + ``params``; each
    member gets its own seed (config seed + a hash of its id), kept across exploits."""
    cfg = load_config(setup['config'], setup.get('cfg_options'))
    apply_hyperparameters(cfg, params)
    if member:
        randomness = dict(cfg.get('randomness') or {})
        offset = int(hashlib.sha1(member.encode()).hexdigest()[:7], 16)
        randomness['seed'] = (int(randomness.get('seed') or 0) + offset) % 2**31
        cfg.randomness = randomness
    val_interval = cfg.train_cfg.get('val_interval', 1)
    if setup['interval'] % val_interval:
        cfg.train_cfg.val_interval = setup['interval']  # validate at every report
    checkpoint = cfg.default_hooks.get('checkpoint')
    if checkpoint:  # the member's checkpoints go to Tune (TuneReportHook)
        checkpoint.update(interval=-1, save_last=False, save_best=None)
    cfg.work_dir = work_dir
    cfg.experiment_name = f'{osp.basename(work_dir)}_{uuid.uuid4().hex[:8]}'
    return cfg


def train_member(params: dict, setup: dict) -> None:
    """Tune's function trainable: train one member with mmengine's Runner."""
    from ray import tune
    os.chdir(setup['cwd'])  # Tune runs trials in their own folders; configs use repo paths
    import custom_modules  # noqa: F401  (safe checkpoint loading, registries)
    trial_id = tune.get_context().get_trial_id()
    work_dir = osp.join(setup['work_dir'], 'members', trial_id)
    cfg = member_config(setup, params, work_dir, member=trial_id)
    restored = None
    checkpoint = tune.get_checkpoint()
    if checkpoint is not None:
        local = osp.join(work_dir, 'restored')
        shutil.rmtree(local, ignore_errors=True)
        checkpoint.to_directory(local)
        with open(osp.join(local, META_FILE)) as f:
            restored = json.load(f)
        cfg.load_from, cfg.resume = osp.join(local, CHECKPOINT_FILE), True
    runner = build_runner(cfg)
    hyperparameters = {k: v for k, v in params.items() if k in HYPERPARAMETERS}
    runner.register_hook(TuneReportHook(setup['interval'], trial_id, restored, hyperparameters))
    runner.train()


REPORTS_FILE = 'pbt_reports.jsonl'


def member_histories(work_dir: str) -> Dict[str, List[dict]]:
    """Every member's reports, by epoch, as its :class:`TuneReportHook` wrote them to
    ``members/<trial>/pbt_reports.jsonl`` (a restarted member's later report of an
    epoch replaces the earlier one)."""
    histories = {}
    for path in sorted(glob.glob(osp.join(work_dir, 'members', '*', REPORTS_FILE))):
        by_epoch = {}
        with open(path) as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    by_epoch[row['epoch']] = row
        if by_epoch:
            histories[osp.basename(osp.dirname(path))] = [by_epoch[e] for e in sorted(by_epoch)]
    return histories


def exploits(histories: Dict[str, List[dict]]) -> List[dict]:
    """Every restart of a member from ANOTHER member's weights."""
    found = []
    for trial, rows in histories.items():
        for row in rows:
            donor = row.get('loaded_from_trial')
            if donor and donor != trial:
                found.append(dict(trial=trial, donor=donor, epoch=row['loaded_from_epoch'],
                                  loaded_fingerprint=row['loaded_fingerprint'],
                                  donor_fingerprint=row['donor_fingerprint']))
    return found


def plot_members(histories: Dict[str, List[dict]], out_png: str, title: str = '') -> str:
    """Validation top-1 of every member; a marker where its weights were replaced."""
    from .reporting import plt
    fig, ax = plt.subplots(figsize=(8, 5))
    scores = {t: {r['epoch']: r['val_top1'] for r in rows} for t, rows in histories.items()}
    for trial, rows in sorted(histories.items()):
        points = sorted((r['epoch'], r['val_top1']) for r in rows)
        line, = ax.plot(*zip(*points), marker='.', label=trial) if points else (None, )
        for event in exploits({trial: rows}):
            epoch = event['epoch']
            own = scores[trial].get(epoch)
            donor = scores.get(event['donor'], {}).get(epoch)
            if donor is None:
                continue
            if own is not None:
                ax.plot([epoch, epoch], [own, donor], ls=':', color=line.get_color())
            ax.plot([epoch], [donor], marker='X', ms=10, color=line.get_color(),
                    markeredgecolor='black')
    ax.plot([], [], marker='X', ls='', color='gray', markeredgecolor='black',
            label='weights replaced (exploit)')
    ax.set(xlabel='epoch', ylabel='validation top-1 (%)',
           title=title or 'PBT members: validation top-1')
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    os.makedirs(osp.dirname(osp.abspath(out_png)), exist_ok=True)
    fig.savefig(out_png, dpi=100)
    plt.close(fig)
    return out_png
