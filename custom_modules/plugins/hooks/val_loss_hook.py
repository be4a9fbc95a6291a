"""Validation loss of a classifier, logged with the validation metrics (``val/loss``).

mmengine's ``ValLoop`` logs a validation loss only when the model's ``val_step``
returns one, and mmpretrain's classifiers return predictions only; its
``LoggerHook`` also averages every scalar whose name contains ``loss`` over its
last 10 values, so a plain message-hub update would log a mean over the last 10
validations. This hook computes the loss from the outputs the validation loop
already has (no second pass) and logs exactly this validation's value.

Originals differ in how they average: most divide the summed per-sample losses by
the number of samples, report 000's divides the summed batch means by the number
of batches (a smaller last batch weighs as much as a full one), hence ``average``.
"""
from typing import List, Optional, Sequence

import torch
from mmengine.dist import broadcast_object_list, collect_results, is_main_process
from mmengine.hooks import Hook
from mmengine.registry import HOOKS


def log_val_scalar(runner, key: str, value: float) -> None:
    """Put ``key`` (e.g. ``'val/loss'``) into the scalar record that ``LoggerHook`` writes
    after this validation. It logs the message-hub scalars named ``val/<key>`` without
    the first ``val/`` and takes the window mean of names with ``loss`` in them, so the
    buffer is started afresh to hold this validation's value only. Call it in
    ``after_val_epoch`` from a hook that runs before ``LoggerHook`` (priority above
    ``BELOW_NORMAL``)."""
    name = f'val/{key}'
    runner.message_hub.log_scalars.pop(name, None)
    runner.message_hub.update_scalar(name, value)


def classification_losses(outputs: Sequence) -> List[float]:
    """Cross-entropy ``-log(pred_score[gt_label])`` of each single-label data sample.

    mmpretrain's heads store ``softmax(logits)`` as ``pred_score``, so this is the
    cross-entropy of the eval-mode logits without label smoothing. A probability that
    underflowed to 0 is clamped to the smallest normal float32 (loss <= 87.3)."""
    samples = [s for s in outputs if 'pred_score' in s and 'gt_label' in s
               and s.gt_label.numel() == 1]
    if not samples:
        return []
    scores = torch.stack([s.pred_score.detach() for s in samples]).double()
    labels = torch.stack([s.gt_label.reshape(()) for s in samples]).to(scores.device)
    picked = scores.gather(1, labels.long()[:, None]).squeeze(1)
    return (-picked.clamp_min(torch.finfo(torch.float32).tiny).log()).cpu().tolist()


def mean_loss(losses: Sequence[float], average: str = 'sample',
              batch_size: Optional[int] = None) -> float:
    """Mean of per-sample ``losses``: over the samples (``'sample'``), or over
    consecutive batches of ``batch_size`` (``'batch'``: the mean of the batch means,
    the last batch possibly smaller)."""
    if average == 'sample':
        return sum(losses) / len(losses)
    batches = [losses[i:i + batch_size] for i in range(0, len(losses), batch_size)]
    return sum(sum(b) / len(b) for b in batches) / len(batches)


@HOOKS.register_module()
class ValLossHook(Hook):
    """Log the mean cross-entropy over the validation set as ``val/loss`` at every
    validation, in the same ``scalars.json`` record as the validation metrics.

    The loss of each validation sample is taken from the loop's outputs
    (:func:`classification_losses`); in distributed runs the per-sample values are
    gathered like the evaluator's results (in dataset order, the sampler's padding
    dropped), rank 0 takes the mean and broadcasts it. With ``average='batch'`` the
    gathered losses are cut into consecutive batches of the validation loader's
    ``batch_size`` — the batches one process sees with an unshuffled loader — and the
    batch means are averaged, so the value does not depend on the number of GPUs.
    Subclasses for other tasks override :meth:`sample_losses`.

    Args:
        key (str): Name of the logged scalar. Defaults to ``'val/loss'``.
        average (str): ``'sample'`` (sum of the losses / number of samples) or
            ``'batch'`` (sum of the batch means / number of batches, as report 000's
            original code). Defaults to ``'sample'``.

    Example::

        custom_hooks = [dict(type='ValLossHook')]  # configs/_base_/cls_runtime.py has it
        custom_hooks = [dict(type='ValLossHook', average='batch')]  # report 000
    """

    priority = 'NORMAL'  # after_val_epoch between RuntimeInfoHook and LoggerHook

    def __init__(self, key: str = 'val/loss', average: str = 'sample'):
        if average not in ('sample', 'batch'):
            raise ValueError(f"ValLossHook: average must be 'sample' or 'batch', "
                             f'not {average!r}')
        self.key = key
        self.average = average
        self._losses: List[float] = []

    def sample_losses(self, outputs: Sequence) -> List[float]:
        """Per-sample losses of one validation batch's outputs."""
        return classification_losses(outputs)

    def before_val_epoch(self, runner) -> None:
        self._losses = []

    def after_val_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        self._losses.extend(self.sample_losses(outputs or []))

    def after_val_epoch(self, runner, metrics=None) -> None:
        loader = runner.val_loop.dataloader
        # 'gpu' = all_gather_object over the process group (gloo included), no shared tmp dir
        losses = collect_results(self._losses, len(loader.dataset), device='gpu')
        mean = [mean_loss(losses, self.average, loader.batch_size)
                if is_main_process() and losses else None]
        broadcast_object_list(mean)
        self._losses = []
        if mean[0] is not None:
            log_val_scalar(runner, self.key, mean[0])
