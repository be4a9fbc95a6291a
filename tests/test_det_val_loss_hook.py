"""DetValLossHook: a tiny Faster R-CNN's training losses on the val-loss loader after each
epoch, logged per epoch, equal to the mean computed by hand; best checkpoint kept."""
import json

import pytest
import torch
from mmengine.config import Config
from mmengine.runner import Runner, load_checkpoint

import custom_modules  # noqa: F401
from custom_modules.plugins.hooks import det_val_loss_hook
from tests.helpers.det_models import tiny_faster_rcnn_config
from tests.helpers.voc_data import make_vocdevkit

TERMS = ('loss_rpn_cls', 'loss_rpn_bbox', 'loss_cls', 'loss_bbox')


def _dataset(root, split, pipeline):
    return dict(type='CheckedVOCDataset', data_root=str(root),
                ann_file=f'VOC2007/ImageSets/Main/{split}.txt',
                data_prefix=dict(sub_data_root='VOC2007/'), drop_difficult=True,
                filter_cfg=dict(filter_empty_gt=False), pipeline=pipeline)


def _config(tmp_path):
    root = make_vocdevkit(tmp_path / 'data', per_split=4, years=('2007', ))  # train/val: 2 each
    load = [dict(type='LoadImageFromFile'), dict(type='LoadAnnotations', with_bbox=True)]
    cfg = Config.fromfile(tiny_faster_rcnn_config(tmp_path / 'frcnn.py'))
    cfg.model.backbone.base_channels = 16  # a ResNet-18 of 16-128 channels: cheap on a CPU
    cfg.model.neck.in_channels = [16, 32, 64, 128]
    cfg.model.train_cfg.rpn_proposal.update(nms_pre=200, max_per_img=50)
    cfg.model.train_cfg.rcnn.sampler.num = 64
    cfg.train_dataloader = dict(
        batch_size=2, num_workers=0, drop_last=True, sampler=dict(type='DefaultSampler'),
        dataset=_dataset(root, 'train', load + [dict(type='Resize', scale=(64, 64)),
                                                dict(type='PackDetInputs')]))
    val_loss_loader = dict(
        batch_size=1, num_workers=0, drop_last=True,
        sampler=dict(type='DefaultSampler', shuffle=False),
        dataset=_dataset(root, 'val', load + [dict(type='Letterbox', scale=(64, 64)),
                                              dict(type='PackDetInputs')]))
    for key in ('val_dataloader', 'val_cfg', 'val_evaluator', 'test_dataloader', 'test_cfg',
                'test_evaluator'):
        cfg[key] = None
    cfg.train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=2)
    cfg.param_scheduler = []
    cfg.custom_hooks = [dict(type='EpochTrainStatsHook'),
                        dict(type='DetValLossHook', dataloader=val_loss_loader)]
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=-1, save_last=False)
    # without a fixed name the Runner names its visualizer after this run: an instance
    # named 'visualizer' left by an earlier test in this process would write elsewhere
    cfg.visualizer = dict(cfg.visualizer, vis_backends=[dict(type='LocalVisBackend')])
    cfg.visualizer.pop('name', None)
    cfg.work_dir = str(tmp_path / 'work')
    return cfg


def _records(work_dir):
    (path, ) = work_dir.glob('*/vis_data/scalars.json')
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _losses_by_hand(model, loader):
    """Mean over batches of the sum of the four loss terms (lists summed over levels)."""
    model.train()
    totals = []
    with torch.no_grad():
        for batch in loader:
            data = model.data_preprocessor(batch, True)
            losses = model.loss(data['inputs'], data['data_samples'])
            total = 0.0
            for name in TERMS:
                value = losses[name]
                total += float(sum(v.mean() for v in value) if isinstance(value, list)
                               else value.mean())
            totals.append(total)
    return sum(totals) / len(totals), len(totals)


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp('det_val_loss')
    runner = Runner.from_cfg(_config(tmp_path))
    runner.train()
    hook = next(h for h in runner.hooks if isinstance(h, det_val_loss_hook.DetValLossHook))
    return runner, hook, tmp_path / 'work'


def test_logged_per_epoch_with_components_and_best_checkpoint(trained):
    runner, hook, work_dir = trained
    records = _records(work_dir)
    val = [r for r in records if 'val/loss' in r]
    assert [r['step'] for r in val] == [1, 2]
    for record in val:
        assert record['val/loss'] == pytest.approx(sum(record[f'val/{t}'] for t in TERMS))
    assert [r['step'] for r in records if 'train/epoch_loss' in r] == [1, 2]  # mmdet 'loss'
    best = min(r['val/loss'] for r in val)
    checkpoint = torch.load(work_dir / 'best_val_loss.pth', map_location='cpu',
                            weights_only=False)
    assert checkpoint['meta']['best_val_loss'] == pytest.approx(best)
    assert checkpoint['meta']['epoch'] == max(r['step'] for r in val if r['val/loss'] == best)
    assert 'optimizer' not in checkpoint
    assert hook.best == pytest.approx(best)
    assert runner.model.training  # back in training mode after each pass


def test_value_equals_the_mean_by_hand_and_rng_and_mode_are_restored(trained, monkeypatch):
    runner, hook, work_dir = trained
    model = runner.model
    seen = []
    loss = model.loss
    monkeypatch.setattr(model, 'loss', lambda *args, **kwargs: (
        seen.append((model.training, model.backbone.bn1.training)), loss(*args, **kwargs))[1])
    model.eval()
    torch.manual_seed(7)
    state = torch.get_rng_state()
    hook.after_train_epoch(runner)  # runner.epoch is 2 after training: logged as step 3
    assert torch.equal(torch.get_rng_state(), state)  # sampling draws did not leak out
    assert not model.training
    assert seen == [(True, False), (True, False)]  # train mode, BN frozen (norm_eval)
    logged = [r for r in _records(work_dir) if r.get('step') == 3 and 'val/loss' in r]
    expected, batches = _losses_by_hand(model, hook._loader)  # same RNG state: same samples
    assert batches == 2
    assert logged[-1]['val/loss'] == pytest.approx(expected, rel=1e-6)
    load_checkpoint(model, str(work_dir / 'best_val_loss.pth'))  # a loadable checkpoint


def test_best_kept_on_ties_not_on_increase(trained, monkeypatch):
    runner, hook, _ = trained
    values = iter([2.0, 1.0, 1.0, 3.0])
    monkeypatch.setattr(det_val_loss_hook, 'mean_training_losses',
                        lambda runner, loader: {'loss': next(values)})
    saved = []
    monkeypatch.setattr(runner, 'save_checkpoint',
                        lambda *args, **kwargs: saved.append(kwargs['meta']['best_val_loss']))
    hook.best = None
    for _ in range(4):
        hook.after_train_epoch(runner)
    assert saved == [2.0, 1.0, 1.0]
    assert hook.before_save_checkpoint(runner, checkpoint := {}) is None
    assert checkpoint[det_val_loss_hook.STATE_KEY] == 1.0


def test_best_value_comes_back_on_resume_only(trained, monkeypatch):
    runner, hook, _ = trained
    hook.best = 5.0
    monkeypatch.setattr(runner, '_resume', False)  # load_from: initial weights
    hook.after_load_checkpoint(runner, {det_val_loss_hook.STATE_KEY: 1.5})
    assert hook.best == 5.0
    monkeypatch.setattr(runner, '_resume', True)
    hook.after_load_checkpoint(runner, {det_val_loss_hook.STATE_KEY: 1.5})
    assert hook.best == 1.5
