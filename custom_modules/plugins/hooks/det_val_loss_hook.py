"""Validation loss of a detector: its training losses on a separate loader after each epoch.

mmdet detectors return predictions, not losses, in ``val_step``, so mmengine's
``ValLoop`` has no validation loss for them, and the validation loop runs in
eval mode on the evaluation pipeline. The bubbliiing Faster R-CNN of reports
000/001 instead logs, after every epoch, the mean of the four training losses
computed without gradients in training mode (training-mode proposals and
sampling) on a letterboxed validation/test loader. This hook does that with
the model's own ``loss`` and ``parse_losses`` and keeps the weights with the
lowest value.
"""
import contextlib
import copy
from typing import Dict, Optional

import torch
from mmdet.registry import HOOKS
from mmengine.dist import all_reduce, broadcast_object_list
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.optim import OptimWrapper, OptimWrapperDict

from ..engine.preemption import rng_states, set_rng_states

STATE_KEY = 'det_val_loss_best'  # the lowest value so far, in checkpoints (resume)


@contextlib.contextmanager
def preserved_rng():
    """Leave Python's, NumPy's and torch's (CPU and CUDA) random states as they were."""
    states = rng_states()
    try:
        yield
    finally:
        set_rng_states(states)


def _precision(runner, module):
    """The training's autocast (``AmpOptimWrapper``'s ``optim_context``), if any."""
    wrapper = getattr(runner, 'optim_wrapper', None)
    if isinstance(wrapper, OptimWrapper) and not isinstance(wrapper, OptimWrapperDict):
        return wrapper.optim_context(module)
    return contextlib.nullcontext()


def mean_training_losses(runner, loader) -> Dict[str, float]:
    """``parse_losses``' values (``loss`` = the sum of the ``loss*`` terms, and each term),
    each averaged over the batches of ``loader`` and over the ranks (weighted by their
    batch counts); computed under ``no_grad`` with the model in training mode (modules
    with ``norm_eval`` keep BN frozen), then the model's mode and the RNG states restored.
    Empty when no rank had a batch."""
    model = runner.model
    module = model.module if is_model_wrapper(model) else model
    was_training, sums, batches = module.training, {}, 0
    with preserved_rng():
        try:
            module.train()
            with torch.no_grad(), _precision(runner, module):
                for batch in loader:
                    data = module.data_preprocessor(batch, True)
                    _, log_vars = module.parse_losses(module(**data, mode='loss'))
                    for name, value in log_vars.items():
                        sums[name] = sums.get(name, 0.0) + float(value)
                    batches += 1
        finally:
            module.train(was_training)
    names = [list(sums)]
    broadcast_object_list(names)  # rank 0's names (and order) everywhere
    totals = torch.tensor([sums.get(name, 0.0) for name in names[0]] + [batches],
                          dtype=torch.float64)
    all_reduce(totals)  # sums over the ranks (no-op in one process)
    count = totals[-1].item()
    return {name: (totals[i] / count).item() for i, name in enumerate(names[0])} if count \
        else {}


@HOOKS.register_module()
class DetValLossHook(Hook):
    """After every ``interval``-th training epoch (and the last), log the detector's
    training losses on ``dataloader`` as ``val/loss`` (total) and ``val/<name>`` (each
    term of the loss dict, e.g. ``val/loss_rpn_cls``, ``val/acc``) with step = epoch in
    ``scalars.json`` and TensorBoard (the visualizer's backends), and keep the weights
    with the lowest ``val/loss`` so far (ties included) as ``best_val_loss.pth`` in the
    work dir (weights only, written atomically by the repo's local file backend).

    The loader is built with ``Runner.build_dataloader`` before training; the values are
    :func:`mean_training_losses` (the training's random streams are left untouched).

    Args:
        dataloader (dict): mmengine dataloader config (dataset with the val-loss pipeline,
            which must load the boxes; sampler; batch size; ``drop_last``).
        interval (int): Epochs between evaluations. Defaults to 1.
        save_best (bool): Keep ``best_filename``. Defaults to True.
        best_filename (str): Name of the best checkpoint. Defaults to 'best_val_loss.pth'.
        prefix (str): Prefix of the logged names. Defaults to 'val'.

    Example::

        custom_hooks = [dict(type='DetValLossHook', dataloader=dict(
            batch_size=4, num_workers=2, drop_last=True,
            sampler=dict(type='DefaultSampler', shuffle=False),
            dataset=dict(type='CheckedVOCDataset', data_root='data/VOCdevkit/',
                         ann_file='VOC2007/ImageSets/Main/val.txt',
                         data_prefix=dict(sub_data_root='VOC2007/'), test_mode=True,
                         pipeline=val_loss_pipeline)))]
    """

    priority = 'NORMAL'  # after_train_epoch before CheckpointHook (VERY_LOW)

    def __init__(self, dataloader: dict, interval: int = 1, save_best: bool = True,
                 best_filename: str = 'best_val_loss.pth', prefix: str = 'val'):
        if interval < 1:
            raise ValueError(f'DetValLossHook: interval must be >= 1, got {interval}')
        self.dataloader_cfg = copy.deepcopy(dataloader)
        self.interval, self.save_best = interval, save_best
        self.best_filename, self.prefix = best_filename, prefix
        self.best: Optional[float] = None
        self._loader = None

    def before_train(self, runner) -> None:
        if self._loader is None:
            randomness = getattr(runner, '_randomness_cfg', {}) or {}
            self._loader = runner.build_dataloader(
                copy.deepcopy(self.dataloader_cfg), seed=runner.seed,
                diff_rank_seed=randomness.get('diff_rank_seed', False))

    def after_train_epoch(self, runner) -> None:
        if not (self.every_n_epochs(runner, self.interval) or self.is_last_train_epoch(runner)):
            return
        self.before_train(runner)  # built already unless called outside a training run
        values = mean_training_losses(runner, self._loader)
        if not values:
            runner.logger.warning('DetValLossHook: the validation-loss loader gave no batch')
            return
        epoch = runner.epoch + 1
        record = {f'{self.prefix}/{name}': value for name, value in values.items()}
        runner.visualizer.add_scalars(record, step=epoch)
        runner.logger.info(f'Epoch(val loss) [{epoch}]  ' + '  '.join(
            f'{key}: {value:.4f}' for key, value in record.items()))
        if self.save_best and (self.best is None or values['loss'] <= self.best):
            self.best = values['loss']
            runner.save_checkpoint(runner.work_dir, self.best_filename, save_optimizer=False,
                                   save_param_scheduler=False,
                                   meta=dict(best_val_loss=self.best))
            runner.logger.info(f'The best validation loss {self.best:.4f} at epoch {epoch} '
                               f'is saved as {self.best_filename}')

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint[STATE_KEY] = self.best

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if getattr(runner, '_resume', False):  # not for load_from (initial weights)
            self.best = checkpoint.get(STATE_KEY, self.best)
