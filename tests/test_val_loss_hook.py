"""ValLossHook: val/loss in the validation's scalars.json record = the CE of the eval-mode
logits over the whole validation set, this validation's value only."""
import json

import pytest
import torch
import torch.nn.functional as F
from mmengine.runner import Runner
from mmpretrain.structures import DataSample

import custom_modules  # noqa: F401
from custom_modules.plugins.hooks.val_loss_hook import classification_losses
from tests.helpers.configs import tiny_cifar10_run_config


def _records(work_dir):
    (path, ) = work_dir.glob('*/vis_data/scalars.json')
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _independent_val_loss(runner):
    """Sum of F.cross_entropy over the validation loader / number of images."""
    model = runner.model
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for batch in runner.val_dataloader:
            data = model.data_preprocessor(batch, False)
            logits = model(data['inputs'], mode='tensor')
            labels = torch.cat([s.gt_label for s in data['data_samples']])
            total += F.cross_entropy(logits, labels, reduction='sum').item()
            count += len(labels)
    return total / count


def test_val_loss_is_logged_with_the_metrics_and_matches_cross_entropy(tmp_path):
    cfg = tiny_cifar10_run_config(tmp_path, batch_size=16)  # 20 train, 10 validation
    cfg.val_dataloader.batch_size = 4  # batches of 4, 4 and 2: the mean is per image
    cfg.train_cfg.val_interval = 1
    assert 'ValLossHook' in [h['type'] for h in cfg.custom_hooks]  # from cls_runtime.py
    runner = Runner.from_cfg(cfg)
    runner.train()

    val = [r for r in _records(tmp_path / 'work') if 'accuracy/top1' in r]
    assert [r['step'] for r in val] == [1, 2]
    assert all('val/loss' in r and 'loss' not in r for r in val)
    # the last validation's loss is that of the final weights (not a mean over validations)
    assert val[-1]['val/loss'] == pytest.approx(_independent_val_loss(runner), rel=1e-5)
    assert val[0]['val/loss'] != pytest.approx(val[1]['val/loss'])


def _sample(logits, label=None):
    sample = DataSample().set_pred_score(torch.softmax(torch.tensor(logits), 0))
    return sample.set_gt_label(label) if label is not None else sample


def test_per_sample_cross_entropy_from_pred_scores():
    logits = [[2.0, -1.0, 0.5], [0.1, 0.2, 0.3]]
    samples = [_sample(logits[0], 2), _sample(logits[1], 0), _sample(logits[1])]  # no label
    expected = F.cross_entropy(torch.tensor(logits), torch.tensor([2, 0]), reduction='none')
    assert classification_losses(samples) == pytest.approx(expected.tolist(), rel=1e-6)
    assert classification_losses([_sample(logits[0])]) == []


def test_underflowed_probability_gives_a_finite_loss():
    (loss, ) = classification_losses([_sample([200.0, 0.0], 1)])  # softmax gives exactly 0
    smallest = torch.tensor(torch.finfo(torch.float32).tiny, dtype=torch.float64)
    assert loss == pytest.approx(-smallest.log().item())
