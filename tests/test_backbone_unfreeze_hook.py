"""BackboneUnfreezeHook: backbone frozen before the switch epoch, trained after, new batch size."""
import torch
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.runner import Runner

from tests.helpers.det_models import tiny_faster_rcnn_config
from tests.helpers.smoke import shrink_config
from tests.helpers.voc_data import make_vocdevkit


class _Snapshots(Hook):
    """Copies of the stem's and the last stage's weights at each epoch start and at the end."""

    def __init__(self):
        self.stem, self.layer4, self.batch_sizes = [], [], []

    def _take(self, runner):
        backbone = runner.model.backbone
        self.stem.append(backbone.conv1.weight.detach().clone())
        self.layer4.append(backbone.layer4[0].conv1.weight.detach().clone())

    def before_train_epoch(self, runner):
        self._take(runner)

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        if batch_idx == 0:
            self.batch_sizes.append(len(data_batch['inputs']))

    def after_train(self, runner):
        self._take(runner)


def test_frozen_then_unfrozen_with_new_batch_size(tmp_path):
    cfg = Config.fromfile(tiny_faster_rcnn_config(tmp_path / 'tiny.py'))
    make_vocdevkit(tmp_path / 'data', years=('2007',))
    cfg = shrink_config(cfg, tmp_path / 'data', tmp_path / 'work')
    cfg.train_dataloader.dataset.dataset.indices = 4  # two batches, then four
    cfg.model.backbone.frozen_stages = 4
    cfg.train_cfg.val_interval = 10  # no validation: this test is about training
    cfg.custom_hooks = [dict(type='BackboneUnfreezeHook', unfreeze_epoch=1, frozen_stages=1,
                             batch_size=1)]
    runner = Runner.from_cfg(cfg)
    snapshots = _Snapshots()
    runner.register_hook(snapshots, priority='LOWEST')
    runner.train()
    assert snapshots.batch_sizes == [2, 1]
    assert runner.iter == 2 + 4  # 4 images: 2 batches of 2, then 4 batches of 1
    assert runner.train_loop.max_iters == 6
    stem, layer4 = snapshots.stem, snapshots.layer4
    assert torch.equal(layer4[0], layer4[1])          # epoch 0: frozen
    assert not torch.equal(layer4[1], layer4[2])      # epoch 1: trained
    assert torch.equal(stem[0], stem[2])              # frozen_stages=1 keeps the stem frozen
    assert all(p.requires_grad for p in runner.model.backbone.layer4.parameters())
    assert not any(p.requires_grad for p in runner.model.backbone.conv1.parameters())
