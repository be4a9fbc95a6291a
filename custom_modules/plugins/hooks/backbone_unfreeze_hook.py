"""Unfreeze a detector's backbone and switch the training batch size at a given epoch.

The frozen-then-unfrozen recipe (train the heads on a frozen backbone at one
batch size, then everything at another) is two runs in plain mmengine; this
hook makes it one config and one command. It rebuilds the train dataloader
with the new batch size and, under distributed training, re-wraps the model
so DDP also reduces the newly trainable parameters. The optimizer already
holds every parameter (mmengine adds frozen ones too), so they start
updating at once.
"""
import copy

from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.registry import HOOKS


@HOOKS.register_module()
class BackboneUnfreezeHook(Hook):
    """At the start of epoch ``unfreeze_epoch`` (0-based count of finished epochs),
    make the backbone trainable and optionally change the training batch size.

    Args:
        unfreeze_epoch (int): Epochs trained with the frozen backbone.
        frozen_stages (int): The backbone's ``frozen_stages`` afterwards (-1: train
            all). Defaults to -1.
        batch_size (int, optional): Train batch size per GPU afterwards (None:
            unchanged). Defaults to None.

    Example::

        custom_hooks = [dict(type='BackboneUnfreezeHook', unfreeze_epoch=15,
                             frozen_stages=1, batch_size=2)]
    """

    priority = 'VERY_HIGH'

    def __init__(self, unfreeze_epoch: int, frozen_stages: int = -1, batch_size: int = None):
        self.unfreeze_epoch = unfreeze_epoch
        self.frozen_stages = frozen_stages
        self.batch_size = batch_size

    def _apply(self, runner, rebuild_loader: bool) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        backbone = model.backbone
        backbone.frozen_stages = self.frozen_stages
        for param in backbone.parameters():
            param.requires_grad = True
        backbone._freeze_stages()  # refreezes stages < frozen_stages (mmdet backbones)
        backbone.train(model.training)
        if is_model_wrapper(runner.model):  # DDP registers only parameters that need grads
            runner.model = runner.wrap_model(runner.cfg.get('model_wrapper_cfg'), model)
        if self.batch_size and rebuild_loader:
            loop = runner.train_loop
            loader_cfg = copy.deepcopy(runner.cfg.train_dataloader)
            loader_cfg['batch_size'] = self.batch_size
            loop.dataloader = runner.build_dataloader(loader_cfg, seed=runner.seed)
            sampler = getattr(loop.dataloader, 'sampler', None)
            if hasattr(sampler, 'set_epoch'):
                sampler.set_epoch(runner.epoch)
            remaining = loop.max_epochs - runner.epoch
            loop._max_iters = runner.iter + remaining * len(loop.dataloader)
        runner.logger.info(f'BackboneUnfreezeHook: epoch {runner.epoch}: backbone trainable '
                           f'(frozen_stages={self.frozen_stages})'
                           + (f', batch size {self.batch_size}' if self.batch_size else ''))

    def before_train_epoch(self, runner) -> None:
        if runner.epoch == self.unfreeze_epoch:
            self._apply(runner, rebuild_loader=True)

    def before_train(self, runner) -> None:
        # resumed after the switch: the model is rebuilt frozen, the loader at the first batch size
        if runner.epoch > self.unfreeze_epoch:
            self._apply(runner, rebuild_loader=True)
