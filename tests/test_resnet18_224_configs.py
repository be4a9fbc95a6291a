"""configs/cifar100/resnet18_224/ (report 004): the ablation, the optimiser comparison and task 2.

Parameter counts, decomposed: the ImageNet-layout ResNet-18 backbone has 11,176,512 parameters
(stem conv 7x7x3x64 + BN; per stage of width w = 64, 128, 256, 512: four 3x3 convs and four BNs,
stages 2-4 also a 1x1 projection + BN) and the fc 512 x classes + classes: 10,260 for the 20
superclasses, 51,300 for the 100 classes.
"""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpretrain.registry import DATASETS, MODELS

import custom_modules  # noqa: F401
from tests.helpers.cifar_data import make_cifar100
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch

FOLDER = osp.join(REPO, 'configs/cifar100/resnet18_224')
ABLATION = {  # name part -> (crop_padding, flip_prob)
    'shift-flip': (4, 0.5), 'shift': (4, 0.0), 'flip': (0, 0.5), 'none': (0, 0.0)}
SIZES = {'up224': 224, '32px': None}
CONFIGS = sorted(glob.glob(osp.join(FOLDER, '*.py')))


def _name(size, part, schedule='exp0.85', optimizer='adam', task='cifar100-coarse'):
    return f'resnet18-{size}_1xb128-{optimizer}-{schedule}-{part}-40e_{task}.py'


def _config(name):
    return Config.fromfile(osp.join(FOLDER, name))


def _resnet18_backbone_params():
    count = 7 * 7 * 3 * 64 + 2 * 64
    w_in = 64
    for w in (64, 128, 256, 512):
        count += 9 * w_in * w + 3 * 9 * w * w + 4 * 2 * w
        if w != w_in:
            count += w_in * w + 2 * w
        w_in = w
    return count


def test_the_folder_holds_the_report_runs_only():
    ablation = [_name(size, part) for size in SIZES for part in ABLATION]
    comparison = [_name('32px', 'none', 'const', opt) for opt in ('adam', 'sgd')]
    task2 = [_name('up224', 'shift-flip', task='cifar100')]
    assert sorted(map(osp.basename, CONFIGS)) == sorted(ablation + comparison + task2)


@pytest.mark.parametrize('size', SIZES)
@pytest.mark.parametrize('part', ABLATION)
def test_ablation_toggles(size, part):
    cfg = _config(_name(size, part))
    preprocessor = cfg.data_preprocessor
    assert preprocessor.type == 'CIFARBatchPreprocessor'
    assert (preprocessor.crop_padding, preprocessor.flip_prob) == ABLATION[part]
    assert preprocessor.resize_to == SIZES[size]
    assert cfg.model.head.num_classes == preprocessor.num_classes == 20
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        assert cfg[loader].dataset.label_type == 'coarse'


@pytest.mark.parametrize('config', CONFIGS, ids=osp.basename)
def test_shared_recipe(config):
    cfg = _config(config)
    assert cfg.train_cfg.max_epochs == 40 and cfg.train_cfg.val_interval == 1
    assert cfg.train_dataloader.batch_size == 128
    dataset = cfg.train_dataloader.dataset
    assert (dataset.val_fraction, dataset.get('split_mode', 'stratified')) == (0.1, 'stratified')
    assert cfg.model.backbone.type == 'ResNet' and cfg.model.backbone.depth == 18
    assert cfg.model.head.cal_acc
    assert cfg.default_hooks.checkpoint.save_best is None  # epoch 40's model is reported
    optimizer = cfg.optim_wrapper.optimizer
    assert optimizer.lr == 1e-3 and optimizer.weight_decay == 0


@pytest.mark.parametrize('config', [c for c in CONFIGS if '-exp0.85-' in c], ids=osp.basename)
def test_adam_with_exponential_decay_per_epoch(config):
    cfg = _config(config)
    assert cfg.optim_wrapper.optimizer.type == 'Adam'
    assert tuple(cfg.optim_wrapper.optimizer.betas) == (0.9, 0.999)
    expected = [1e-3 * 0.85 ** (epoch - 1) for epoch in range(1, 41)]
    assert lr_per_epoch(cfg, iters_per_epoch=3) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize('optimizer', ['adam', 'sgd'])
def test_optimizer_comparison_at_a_constant_lr(optimizer):
    cfg = _config(_name('32px', 'none', 'const', optimizer))
    assert cfg.param_scheduler is None
    assert lr_per_epoch(cfg, iters_per_epoch=3) == [1e-3] * 40
    built = build_optim_wrapper(torch.nn.Linear(2, 2), cfg.optim_wrapper).optimizer
    assert type(built).__name__ == optimizer.upper().replace('ADAM', 'Adam')
    group = built.param_groups[0]
    if optimizer == 'sgd':
        assert (group['momentum'], group['nesterov'], group['weight_decay']) == (0, False, 0)
    else:
        assert group['betas'] == (0.9, 0.999) and group['weight_decay'] == 0
    assert (cfg.data_preprocessor.crop_padding, cfg.data_preprocessor.flip_prob,
            cfg.data_preprocessor.resize_to) == (0, 0.0, None)


@pytest.mark.parametrize('task, classes, label_type', [
    ('cifar100-coarse', 20, 'coarse'), ('cifar100', 100, 'fine')])
def test_head_matches_the_labels_and_parameter_count(task, classes, label_type, tmp_path):
    cfg = _config(_name('up224', 'shift-flip', task=task))
    make_cifar100(tmp_path, per_class_train=10)  # 1,000 training images, 10 per fine class
    labels = {}
    for loader in ('train_dataloader', 'val_dataloader'):
        dataset = DATASETS.build(dict(cfg[loader].dataset, data_root=str(tmp_path),
                                      check_md5=False))
        assert dataset.label_type == label_type
        assert len(dataset.metainfo['classes']) == classes
        labels[loader] = [dataset.get_data_info(i)['gt_label'] for i in range(len(dataset))]
    assert sorted(set(labels['train_dataloader'])) == list(range(classes))
    # 10 % validation, the same share of every class
    assert sorted(labels['val_dataloader']) == sorted(list(range(classes)) * (100 // classes))
    model = MODELS.build(cfg.model)
    assert model.head.fc.out_features == classes
    count = sum(p.numel() for p in model.parameters())
    assert count == _resnet18_backbone_params() + 512 * classes + classes
    assert count == {20: 11_186_772, 100: 11_227_812}[classes]
    model.eval()
    with torch.no_grad():
        features = model.extract_feat(torch.zeros(1, 3, 224, 224))
    assert tuple(features[-1].shape) == (1, 512)  # GAP of the 7x7 map of the last stage
