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
"""
import os.path as osp

from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.registry import HOOKS

from ..engine.atomic_local_backend import atomic_write_bytes


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """Drop-in ``CheckpointHook`` that is safe to kill at any moment.

    Args:
        **kwargs: ``CheckpointHook``'s arguments (``interval``, ``max_keep_ckpts``,
            ``save_best``, ``rule``, ``by_epoch``, ...), unchanged.

    Example::

        default_hooks = dict(checkpoint=dict(
            type='AtomicCheckpointHook', interval=1, max_keep_ckpts=2,
            save_best='accuracy/top1', rule='greater'))
    """

    def _save_checkpoint_with_step(self, runner, step, meta):
        # mmengine sets keep_ckpt_ids in before_train only when max_keep_ckpts > 0
        keep_ids, outdated = list(getattr(self, 'keep_ckpt_ids', ())), []
        if self.max_keep_ckpts > 0 and (not keep_ids or keep_ids[-1] != step):
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
