"""Validation loss of a classifier, logged with the validation metrics (``val/loss``).

mmengine's ``ValLoop`` logs a validation loss only when the model's ``val_step``
returns one, and mmpretrain's classifiers return predictions only; its
``LoggerHook`` also averages every scalar whose name contains ``loss`` over its
last 10 values, so a plain message-hub update would log a mean over the last 10
validations. This hook computes the loss from the outputs the validation loop
already has (no second pass) and logs exactly this validation's value.
"""
from typing import List, Sequence

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


@HOOKS.register_module()
class ValLossHook(Hook):
    """Log the mean cross-entropy over the validation set as ``val/loss`` at every
    validation, in the same ``scalars.json`` record as the validation metrics.

    The loss of each validation sample is taken from the loop's outputs
    (:func:`classification_losses`); in distributed runs the per-sample values are
    gathered like the evaluator's results (the sampler's padding dropped), rank 0 takes
    the mean and broadcasts it. Subclasses for other tasks override
    :meth:`sample_losses`.

    Args:
        key (str): Name of the logged scalar. Defaults to ``'val/loss'``.

    Example::

        custom_hooks = [dict(type='ValLossHook')]  # configs/_base_/cls_runtime.py has it
    """

    priority = 'NORMAL'  # after_val_epoch between RuntimeInfoHook and LoggerHook

    def __init__(self, key: str = 'val/loss'):
        self.key = key
        self._losses: List[float] = []

    def sample_losses(self, outputs: Sequence) -> List[float]:
        """Per-sample losses of one validation batch's outputs."""
        return classification_losses(outputs)

    def before_val_epoch(self, runner) -> None:
        self._losses = []

    def after_val_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        self._losses.extend(self.sample_losses(outputs or []))

    def after_val_epoch(self, runner, metrics=None) -> None:
        size = len(runner.val_loop.dataloader.dataset)
        # 'gpu' = all_gather_object over the process group (gloo included), no shared tmp dir
        losses = collect_results(self._losses, size, device='gpu')
        mean = [sum(losses) / len(losses) if is_main_process() and losses else None]
        broadcast_object_list(mean)
        self._losses = []
        if mean[0] is not None:
            log_val_scalar(runner, self.key, mean[0])
