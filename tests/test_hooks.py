"""EpochSeedHook reseeds per epoch; NumClassesCheckHook names the wrong config key."""
from types import SimpleNamespace

import pytest
import torch

import custom_modules  # noqa: F401
from custom_modules.errors import ConfigError
from custom_modules.plugins.hooks import EpochSeedHook, NumClassesCheckHook


def test_epoch_seed_hook_makes_each_epoch_reproducible():
    hook = EpochSeedHook()
    runner = SimpleNamespace(seed=7, epoch=3, _randomness_cfg={})
    hook.before_train_epoch(runner)
    first = torch.rand(3)
    torch.rand(100)  # consume state as an epoch would
    hook.before_train_epoch(runner)
    assert torch.equal(torch.rand(3), first)
    runner.epoch = 4
    hook.before_train_epoch(runner)
    assert not torch.equal(torch.rand(3), first)


def _runner(num_classes, classes):
    model = torch.nn.Module()
    model.head = SimpleNamespace(num_classes=num_classes)
    loader = SimpleNamespace(dataset=SimpleNamespace(metainfo={'classes': classes}))
    return SimpleNamespace(model=model, train_dataloader=loader, val_dataloader=loader,
                           test_dataloader=loader)


def test_num_classes_check_passes_when_consistent():
    NumClassesCheckHook().before_train(_runner(3, ('a', 'b', 'c')))


def test_num_classes_check_names_the_key():
    with pytest.raises(ConfigError, match=r'model.head.num_classes=5 .* has 3 classes'):
        NumClassesCheckHook().before_val(_runner(5, ('a', 'b', 'c')))


def test_generic_hooks_are_found_from_every_downstream_scope():
    from mmdet.registry import HOOKS as DET_HOOKS
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import HOOKS as CLS_HOOKS
    from mmseg.registry import HOOKS as SEG_HOOKS
    for scope, registry in (('mmdet', DET_HOOKS), ('mmpretrain', CLS_HOOKS), ('mmseg', SEG_HOOKS)):
        with DefaultScope.overwrite_default_scope(scope):
            for name in ('AtomicCheckpointHook', 'EpochSeedHook', 'NumClassesCheckHook',
                         'ValLossHook', 'EpochTrainStatsHook'):
                assert registry.get(name) is not None, (scope, name)


def test_new_best_checkpoint_is_saved_before_the_previous_best_is_deleted(tmp_path):
    from mmengine.fileio import get_file_backend
    from mmengine.logging import MessageHub, MMLogger

    from custom_modules.plugins.hooks import AtomicCheckpointHook
    seen = []

    def save_checkpoint(out_dir, filename, **kwargs):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))  # what exists while saving
        (tmp_path / filename).write_bytes(b'weights')

    runner = SimpleNamespace(epoch=1, iter=4, work_dir=str(tmp_path),
                             message_hub=MessageHub.get_instance('best_ckpt_test'),
                             logger=MMLogger.get_instance('best_ckpt_test'),
                             save_checkpoint=save_checkpoint)
    hook = AtomicCheckpointHook(save_best='acc', rule='greater')
    hook.out_dir, hook.file_backend = str(tmp_path), get_file_backend(str(tmp_path))
    for epoch, acc in [(1, 0.3), (2, 0.2), (3, 0.6)]:
        runner.epoch = epoch
        hook._save_best_checkpoint(runner, dict(acc=acc))
    assert seen == [[], ['best_acc_epoch_1.pth']]  # epoch 1's best existed while 3's was saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ['best_acc_epoch_3.pth']


def test_checkpoints_without_a_limit_are_all_kept(tmp_path):
    """max_keep_ckpts=-1 (the C4 detection schedules): every numbered checkpoint stays (mmengine
    sets no keep list in before_train then; saving must not need one)."""
    from mmengine.fileio import get_file_backend
    from mmengine.logging import MessageHub

    from custom_modules.plugins.hooks import AtomicCheckpointHook

    def save_checkpoint(out_dir, filename, *args, **kwargs):
        (tmp_path / filename).write_bytes(b'weights')

    runner = SimpleNamespace(epoch=1, iter=4, work_dir=str(tmp_path),
                             message_hub=MessageHub.get_instance('keep_all_test'),
                             save_checkpoint=save_checkpoint)
    hook = AtomicCheckpointHook(interval=1, max_keep_ckpts=-1)
    hook.out_dir, hook.file_backend = str(tmp_path), get_file_backend(str(tmp_path))
    for epoch in (1, 2, 3):
        hook._save_checkpoint_with_step(runner, epoch, meta={})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        'epoch_1.pth', 'epoch_2.pth', 'epoch_3.pth', 'last_checkpoint']
