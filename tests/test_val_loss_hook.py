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


class _Loader:
    def __init__(self, size, batch_size):
        self.dataset, self.batch_size = range(size), batch_size


class _Runner:
    def __init__(self, size, batch_size):
        from mmengine.logging import MessageHub
        self.val_loop = type('Loop', (), {'dataloader': _Loader(size, batch_size)})()
        self.message_hub = MessageHub.get_instance('val_loss_hook_test')


# invented logits/labels of 5 validation images in batches of 2, 2 and 1
LOGITS = [[1.0, 0.0, -1.0], [0.2, 0.4, 0.1], [-2.0, 1.5, 0.0], [0.3, -0.3, 0.9],
          [3.0, -1.0, 0.5]]
LABELS = [0, 2, 1, 0, 1]


@pytest.mark.parametrize('average', ['sample', 'batch'])
def test_average_over_samples_or_over_batches(average):
    """A last batch of another size makes the two means differ; 'batch' is the mean of the
    per-batch mean CE (report 000's original), 'sample' the mean over the images."""
    per_image = F.cross_entropy(torch.tensor(LOGITS), torch.tensor(LABELS), reduction='none')
    batch_means = [per_image[0:2].mean(), per_image[2:4].mean(), per_image[4:5].mean()]
    expected = {'sample': per_image.mean().item(),
                'batch': torch.stack(batch_means).mean().item()}
    assert abs(expected['sample'] - expected['batch']) > 0.1  # the fixture tells them apart

    from custom_modules.plugins.hooks import ValLossHook
    hook, runner = ValLossHook(average=average), _Runner(size=5, batch_size=2)
    hook.before_val_epoch(runner)
    for start in (0, 2, 4):
        outputs = [_sample(LOGITS[i], LABELS[i]) for i in range(start, min(start + 2, 5))]
        hook.after_val_iter(runner, start // 2, outputs=outputs)
    hook.after_val_epoch(runner)
    logged = runner.message_hub.get_scalar('val/val/loss').current()  # logged as val/loss
    assert logged == pytest.approx(expected[average], rel=1e-6)


def test_average_must_be_sample_or_batch():
    from custom_modules.plugins.hooks import ValLossHook
    with pytest.raises(ValueError, match="'sample' or 'batch'"):
        ValLossHook(average='image')


def test_report_000_configs_average_over_batches_the_others_over_samples():
    """000-A (configs/cifar100/*.py) averages the batch means as its original; 001-C, 002-A
    and 004 keep the mean over images."""
    import glob
    import os.path as osp

    from mmengine.config import Config

    from tests.helpers.configs import REPO

    def average(path):
        cfg = Config.fromfile(path, import_custom_modules=False)
        (hook, ) = [h for h in cfg.custom_hooks if h['type'] == 'ValLossHook']
        return hook.get('average', 'sample')

    matrix = [osp.join(REPO, 'configs/cifar100', name) for name in (
        'vgg16-bn_1xb128_cifar100.py', 'resnet18_1xb128-cutmix-a0.4_cifar100.py',
        'mobilenet-v2_1xb128-mixup-a0.2_cifar100.py')]  # all through cifar100_classification
    assert [average(p) for p in matrix] == ['batch'] * 3
    others = [glob.glob(osp.join(REPO, 'configs', folder, '*.py'))[0]
              for folder in ('cifar100_vit', 'cub', 'cifar100/resnet18_224')]
    assert [average(p) for p in others] == ['sample'] * 3
