"""Per-epoch training loss and accuracy: the mean over the epoch's iterations.

mmengine logs training scalars per iteration, each a moving average over the
logger's window (10 iterations), so the per-epoch means that reports plot
("training loss per epoch", "training accuracy per epoch") are not in its logs.
"""
import torch
from mmengine.dist import all_reduce, get_rank
from mmengine.hooks import Hook
from mmengine.registry import HOOKS

STATE_KEY = 'epoch_train_stats'  # the unfinished epoch's sums, in mid-epoch checkpoints


@HOOKS.register_module()
class EpochTrainStatsHook(Hook):
    """Log ``train/epoch_loss`` and, when the head logs accuracy, ``train/epoch_accuracy``
    once per epoch (step = epoch number) in ``scalars.json`` and TensorBoard.

    Each is the mean over the epoch's iterations of the value ``train_step`` returned
    (train mode, augmented batches; mmpretrain's ``ClsHead(cal_acc=True)`` returns
    ``accuracy_top-1`` in %, heads with Mixup/CutMix return no accuracy and none is
    logged). Distributed: sums and counts are ``all_reduce``-d over the ranks at the
    end of the epoch. A checkpoint saved mid-epoch (preemption, iteration checkpoints)
    holds rank 0's sums of the unfinished epoch; a run resumed from it continues them
    when it continues the epoch at the next batch (``ResumableEpochBasedTrainLoop``),
    and starts afresh otherwise (mmengine's loop reruns the epoch from its first batch).
    Other ranks start afresh, so such an epoch's mean then leaves out their batches
    before the stop.

    Args:
        loss_key (str): Key of the total loss in ``train_step``'s outputs.
            Defaults to ``'loss'``.
        accuracy_key (str): Key of the training accuracy. Defaults to
            ``'accuracy_top-1'`` (mmpretrain ``ClsHead`` with ``cal_acc=True``).

    Example::

        custom_hooks = [dict(type='EpochTrainStatsHook')]  # in configs/_base_/cls_runtime.py
        model = dict(head=dict(cal_acc=True))  # to get train/epoch_accuracy too
    """

    priority = 'NORMAL'  # after_train_iter before the checkpoint and preemption hooks

    def __init__(self, loss_key: str = 'loss', accuracy_key: str = 'accuracy_top-1'):
        self.keys = {'epoch_loss': loss_key, 'epoch_accuracy': accuracy_key}
        self._state = None  # epoch, next_batch, sums {name: [total, count]}

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        state = self._state
        if state is None or (state['epoch'], state['next_batch']) != (runner.epoch, batch_idx):
            state = self._state = dict(epoch=runner.epoch, sums={})
        for name, key in self.keys.items():
            if outputs and key in outputs:
                total = state['sums'].setdefault(name, [0.0, 0])
                value = outputs[key]  # the total loss still carries its graph
                total[0] += float(value.detach() if torch.is_tensor(value) else value)
                total[1] += 1
        state['next_batch'] = batch_idx + 1

    def after_train_epoch(self, runner) -> None:
        state, self._state = self._state, None
        sums = state['sums'] if state and state['epoch'] == runner.epoch else {}
        totals = torch.tensor([sums.get(name, [0.0, 0])[i] for name in self.keys for i in (0, 1)],
                              dtype=torch.float64)
        all_reduce(totals)  # sum over ranks (no-op in a single process)
        record = {f'train/{name}': (totals[2 * i] / totals[2 * i + 1]).item()
                  for i, name in enumerate(self.keys) if totals[2 * i + 1] > 0}
        if record:
            epoch = runner.epoch + 1
            runner.visualizer.add_scalars(record, step=epoch)
            runner.logger.info(f'Epoch(train) [{epoch}]  ' + '  '.join(
                f'{key}: {value:.4f}' for key, value in record.items()))

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self._state is not None:
            checkpoint[STATE_KEY] = dict(self._state, sums={
                name: list(total) for name, total in self._state['sums'].items()})

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get(STATE_KEY)
        self._state = None
        if state and get_rank() == 0:
            self._state = dict(state, sums={name: list(total)
                                            for name, total in state['sums'].items()})
