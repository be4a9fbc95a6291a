"""One PBT member: an mmengine Runner built from the config with the member's
hyperparameters, and the hook that reports to Tune with a checkpoint and records
whose weights a restarted member loaded."""
import hashlib
import json
import os
import os.path as osp
import shutil
import tempfile
from typing import Optional

from mmengine.hooks import Hook

from custom_modules.plugins.engine.atomic_files import atomic_write_text

from ..results import PBT_REPORTS_FILE
from ..run.config import load_config
from ..run.runner import build_runner
from .space import HYPERPARAMETERS, apply_hyperparameters

CHECKPOINT_FILE = 'mmengine.pth'
METRIC = 'val_top1'  # what PBT ranks members by (TuneReportHook reports it)
META_FILE = 'member.json'
REPORTS_FILE = PBT_REPORTS_FILE


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
            atomic_write_text(json.dumps(dict(trial_id=self.trial_id, epoch=epoch,
                                              fingerprint=fingerprint)),
                              osp.join(folder, META_FILE))
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
