"""CheckpointHook whose ``last_checkpoint`` always names a complete, existing checkpoint.

mmengine's ``CheckpointHook`` deletes the oldest kept checkpoint *before*
saving the new one (so with ``max_keep_ckpts=1`` a kill during saving leaves
``last_checkpoint`` naming a deleted file) and rewrites ``last_checkpoint``
in place; with ``save_best`` it deletes the previous best checkpoint before
writing the new one, so a crash in between leaves no best checkpoint at all.
This hook saves first (the bytes go through the atomic local backend), then
replaces the pointer atomically, and only then deletes outdated and
superseded best checkpoints. Everything else (intervals, the choice of best,
publishing) is mmengine's.

mmengine's ``max_keep_ckpts`` keeps only the newest checkpoints, so a figure that
needs the weights of one particular epoch (report 002's comparison: Faster R-CNN
after epoch 4, YOLOv3 after epoch 6) loses them; ``keep_epochs`` saves those
epochs' checkpoints and leaves them out of the rotation.
"""
import os.path as osp
from typing import Sequence

from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.registry import HOOKS

from custom_modules.errors import ConfigError

from ..engine.atomic_local_backend import atomic_write_bytes


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """Drop-in ``CheckpointHook`` that is safe to kill at any moment.

    Args:
        keep_epochs (Sequence[int]): epochs (1-based, as in ``epoch_N.pth``) whose
            checkpoint is saved even off the ``interval`` and never deleted by the
            ``max_keep_ckpts`` rotation (which counts the other checkpoints only).
            Epoch-based runs only. Default: none.
        **kwargs: ``CheckpointHook``'s arguments (``interval``, ``max_keep_ckpts``,
            ``save_best``, ``rule``, ``by_epoch``, ...), unchanged.

    Example::

        default_hooks = dict(checkpoint=dict(
            type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
            save_best='accuracy/top1', rule='greater', keep_epochs=[4]))
    """

    def __init__(self, keep_epochs: Sequence[int] = (), **kwargs):
        super().__init__(**kwargs)
        self.keep_epochs = frozenset(int(epoch) for epoch in keep_epochs)
        if self.keep_epochs and not self.by_epoch:
            raise ConfigError('AtomicCheckpointHook: keep_epochs needs by_epoch=True')

    def after_train_epoch(self, runner) -> None:
        super().after_train_epoch(runner)
        saved = self.every_n_epochs(runner, self.interval, self.save_begin) or (
            self.save_last and self.is_last_train_epoch(runner))
        if self.by_epoch and runner.epoch + 1 in self.keep_epochs and not saved:
            runner.logger.info(f'Saving checkpoint at {runner.epoch + 1} epochs (kept)')
            self._save_checkpoint(runner)

    def _save_checkpoint_with_step(self, runner, step, meta):
        # mmengine makes keep_ckpt_ids only when it keeps a number of them (max_keep_ckpts > 0)
        keep_ids, outdated = list(getattr(self, 'keep_ckpt_ids', ())), []
        kept = self.by_epoch and step in self.keep_epochs
        if self.max_keep_ckpts > 0 and not kept and (not keep_ids or keep_ids[-1] != step):
            keep_ids.append(step)
            outdated = keep_ids[:-self.max_keep_ckpts]
            keep_ids = keep_ids[-self.max_keep_ckpts:]
            self.keep_ckpt_ids.clear()
            self.keep_ckpt_ids.extend(keep_ids)
            runner.message_hub.update_info('keep_ckpt_ids', keep_ids)

        ckpt_filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir, ckpt_filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)
        runner.save_checkpoint(
            self.out_dir, ckpt_filename, self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler, meta=meta,
            by_epoch=self.by_epoch, backend_args=self.backend_args, **self.args)
        if not is_main_process():
            return
        atomic_write_bytes(self.last_ckpt.encode(), osp.join(runner.work_dir, 'last_checkpoint'))
        for old_step in outdated:
            path = self.file_backend.join_path(self.out_dir, self.filename_tmpl.format(old_step))
            if self.file_backend.isfile(path):
                self.file_backend.remove(path)

    def _save_best_checkpoint(self, runner, metrics):
        """mmengine's, the removal of the previous best deferred until the new one is saved."""
        backend, superseded = self.file_backend, []
        backend.remove = superseded.append  # shadows the method while mmengine decides
        try:
            super()._save_best_checkpoint(runner, metrics)
        finally:
            del backend.remove
        current = {getattr(self, 'best_ckpt_path', None),
                   *getattr(self, 'best_ckpt_path_dict', {}).values()}
        for path in superseded:
            if path not in current and backend.isfile(path):
                backend.remove(path)
