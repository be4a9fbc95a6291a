"""AtomicCheckpointHook's ``keep_epochs``: the checkpoints of those epochs are saved (even off
the interval) and survive the ``max_keep_ckpts`` rotation."""
import uuid

import pytest
import torch
from mmengine.model import BaseModel

import custom_modules  # noqa: F401
from custom_modules.errors import ConfigError
from custom_modules.plugins.hooks import AtomicCheckpointHook


class _Line(BaseModel):
    """y = w x + b fitted to y = 2 x."""

    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(1, 1)

    def forward(self, inputs, mode='tensor'):
        out = self.fc(inputs)
        return dict(loss=((out - 2 * inputs) ** 2).mean()) if mode == 'loss' else out


def _train(work_dir, max_epochs, checkpoint):
    from mmengine.runner import Runner
    samples = [dict(inputs=torch.tensor([i / 4])) for i in range(4)]
    runner = Runner(
        model=_Line(), work_dir=str(work_dir), experiment_name=f'keep_{uuid.uuid4().hex}',
        train_dataloader=dict(dataset=samples, batch_size=2, num_workers=0,
                              sampler=dict(type='DefaultSampler', shuffle=False),
                              collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.1)),
        train_cfg=dict(by_epoch=True, max_epochs=max_epochs),
        default_hooks=dict(checkpoint=dict(type='AtomicCheckpointHook', **checkpoint)),
        default_scope='mmengine')
    runner.train()


def test_kept_epochs_survive_max_keep_ckpts(tmp_path):
    # interval 2 saves epochs 2, 4 and the last (5); epoch 1 is kept off the interval
    _train(tmp_path, 5, dict(interval=2, max_keep_ckpts=1, keep_epochs=[1, 4]))
    saved = sorted(p.name for p in tmp_path.glob('epoch_*.pth'))
    assert saved == ['epoch_1.pth', 'epoch_4.pth', 'epoch_5.pth']  # epoch 2 rotated out
    assert (tmp_path / 'last_checkpoint').read_text().endswith('epoch_5.pth')


def test_without_keep_epochs_only_the_newest_stay(tmp_path):
    _train(tmp_path, 5, dict(interval=2, max_keep_ckpts=1))
    assert sorted(p.name for p in tmp_path.glob('epoch_*.pth')) == ['epoch_5.pth']


def test_keep_epochs_needs_an_epoch_based_hook():
    with pytest.raises(ConfigError, match='keep_epochs needs by_epoch=True'):
        AtomicCheckpointHook(by_epoch=False, keep_epochs=[4])
