"""configs/custom/ (report 003): the faithful runs' recipe (Adam 1e-3 at a constant lr,
batch 32, epochs, validation every epoch, training accuracy), their pipelines on a real
image, plain VGG-19's size from its layer shapes, GoogLeNet's truncated-normal init and the
pretrained GoogLeNet's input scaling."""
import numpy as np
import pytest
import torch
import torchvision
from mmengine.config import Config
from mmengine.dataset import Compose
from mmpretrain.registry import MODELS, TRANSFORMS
from PIL import Image

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO
from tests.helpers.schedules import lr_per_epoch

FOLDER = f'{REPO}/configs/custom'
# run -> (config, epochs, training augmentation)
RUNS = {
    'V1': ('vgg19_1xb32-adam-100e_folder.py', 100, False),
    'N1': ('nin_1xb32-adam-100e_folder.py', 100, False),
    'G1': ('googlenet_1xb32-truncnormal-adam-50e_folder.py', 50, False),
    'G2': ('googlenet_1xb32-truncnormal-aug-adam-100e_folder.py', 100, True),
    'G3': ('googlenet_1xb32-pretrained-adam-30e_folder.py', 30, False),
    'R1': ('resnet18_1xb32-aug-adam-50e_folder.py', 50, True),
    'R2': ('resnet18_1xb32-aug-adam-50e-seed1_folder.py', 50, True),
    'R3': ('resnet18_1xb32-pretrained-aug-adam-50e_folder.py', 50, True),
}


def load(name):
    return Config.fromfile(f'{FOLDER}/{name}')


@pytest.mark.parametrize('run', RUNS)
def test_recipe_adam_constant_lr_batch_32_validated_every_epoch(run):
    name, epochs, _ = RUNS[run]
    cfg = load(name)
    optimizer = cfg.optim_wrapper.optimizer
    assert (optimizer.type, optimizer.lr, tuple(optimizer.betas), optimizer.weight_decay) == (
        'Adam', 1e-3, (0.9, 0.999), 0)
    assert not cfg.get('param_scheduler')
    assert lr_per_epoch(cfg, iters_per_epoch=3) == [1e-3] * epochs
    assert cfg.train_cfg.max_epochs == epochs and cfg.train_cfg.val_interval == 1
    assert cfg.train_dataloader.batch_size == 32
    assert cfg.test_dataloader.dataset.ann_file == cfg.val_dataloader.dataset.ann_file == 'val.txt'
    assert cfg.model.head.cal_acc is True


@pytest.fixture(scope='module')
def photo(tmp_path_factory):
    """A 300x150 (w x h) JPEG with a left/right colour split."""
    path = tmp_path_factory.mktemp('photo') / 'wide.jpg'
    image = np.zeros((150, 300, 3), np.uint8)
    image[:, :150] = (200, 40, 40)
    image[:, 150:] = (40, 40, 200)
    Image.fromarray(image).save(path, quality=95)
    return str(path)


def run_pipeline(pipeline, photo):
    return Compose([TRANSFORMS.build(t) for t in pipeline])(dict(img_path=photo))['inputs']


@pytest.mark.parametrize('run', RUNS)
def test_pipelines_squash_to_224_and_augment_only_aug_runs(run, photo):
    name, _, aug = RUNS[run]
    cfg = load(name)
    test_out = run_pipeline(cfg.test_dataloader.dataset.pipeline, photo)
    assert tuple(test_out.shape) == (3, 224, 224)
    # squash (aspect ratio ignored): the colour border stays in the middle column,
    # the whole image is kept (no centre crop); channels are BGR until the preprocessor
    row = test_out[:, 112].float()
    assert row[2, :100].mean() > 150 and row[0, 124:].mean() > 150
    train_types = [t['type'] for t in cfg.train_dataloader.dataset.pipeline]
    if aug:
        assert train_types == ['LoadImageFromFile', 'RandomResizedCrop', 'RandomFlip',
                               'ColorJitter', 'PackInputs']
        crop, _, jitter = cfg.train_dataloader.dataset.pipeline[1:4]
        assert (crop.scale, crop.crop_ratio_range) == (224, (0.08, 1.0))
        assert crop.aspect_ratio_range == pytest.approx((3 / 4, 4 / 3))
        assert (jitter.brightness, jitter.contrast, jitter.saturation) == (0.4, 0.4, 0.4)
        assert tuple(run_pipeline(cfg.train_dataloader.dataset.pipeline, photo).shape) == (
            3, 224, 224)
    else:
        assert cfg.train_dataloader.dataset.pipeline == cfg.test_dataloader.dataset.pipeline


def test_r2_is_r1_with_another_seed_and_its_own_run_label():
    """The slides' two scratch ResNet-18 logs are two runs: the report reads each row from
    the run whose experiment.run names it."""
    r1, r2 = (load(RUNS[run][0]).to_dict() for run in ('R1', 'R2'))
    assert (r1['randomness']['seed'], r2['randomness']['seed']) == (0, 1)
    assert (r1['experiment']['run'], r2['experiment']['run']) == ('R1', 'R2')
    for cfg in (r1, r2):
        del cfg['randomness'], cfg['experiment']['run']
    assert r1 == r2


def vgg19_parameters(num_classes):
    """Plain VGG-19 from its layer shapes: 16 3x3 convs (with bias), 25088-4096-4096-K."""
    widths = [64, 64, 128, 128] + [256] * 4 + [512] * 8
    convs = sum(9 * cin * cout + cout for cin, cout in zip([3] + widths[:-1], widths))
    fcs = [(512 * 7 * 7, 4096), (4096, 4096), (4096, num_classes)]
    return convs + sum(cin * cout + cout for cin, cout in fcs)


@pytest.mark.parametrize('num_classes', [7, 10])
def test_plain_vgg19_size_and_layers(num_classes):
    model_cfg = load(RUNS['V1'][0]).model
    model_cfg.backbone.num_classes = num_classes
    with torch.device('meta'):  # 140 M parameters: shapes only
        model = MODELS.build(model_cfg)
    count = sum(p.numel() for p in model.parameters())
    assert count == vgg19_parameters(num_classes) == 139_570_240 + 4_097 * num_classes
    kinds = [type(m) for m in model.modules()]
    assert kinds.count(torch.nn.Conv2d) == 16 and kinds.count(torch.nn.Linear) == 3
    assert not any(issubclass(k, torch.nn.modules.batchnorm._BatchNorm) for k in kinds)
    assert [m.p for m in model.modules() if isinstance(m, torch.nn.Dropout)] == [0.5, 0.5]


def test_googlenet_truncated_normal_init_statistics():
    """torch's trunc_normal_(std=0.01, a=-2, b=2) bounds are absolute (+-200 std): the
    weights are a plain N(0, 0.01^2), about 4.55 % beyond 2 std, every layer included (also
    the stem convs and the auxiliary heads); BN 1/0, linear biases 0."""
    torch.manual_seed(0)
    model = MODELS.build(load(RUNS['G1'][0]).model)
    model.init_weights()
    weights, layers = [], 0
    for name, module in model.named_modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            layers += 1
            weight = module.weight.detach()
            weights.append(weight.flatten())
            if weight.numel() >= 9408:  # every layer at least as big as conv1 (64x3x7x7)
                assert weight.std().item() == pytest.approx(0.01, rel=0.05), name
            if module.bias is not None:
                assert not module.bias.any(), name
        elif isinstance(module, torch.nn.BatchNorm2d):
            assert (module.weight == 1).all() and not module.bias.any(), name
    assert layers == 57 + 1 + 2 * 3  # backbone convs, fc, aux conv/fc1/fc2
    weights = torch.cat(weights)
    assert weights.abs().max() < 2
    assert weights.std().item() == pytest.approx(0.01, rel=0.01)
    beyond = (weights.abs() > 0.02).float().mean().item()
    assert beyond == pytest.approx(0.0455, abs=0.002)  # truncating at 2 std would give 0


@pytest.mark.parametrize('run,aux', [('G1', True), ('G2', True), ('G3', False)])
def test_googlenet_aux_classifiers_only_from_scratch(run, aux):
    """G1/G2 (from scratch) train the two auxiliary classifiers (x0.3); G3 is torchvision's
    pretrained model, which drops them (J21): 5,599,904 + 1,025 K parameters, as the
    from-scratch models at test, 9,929,888 + 3,075 K with the auxiliary heads."""
    cfg = load(RUNS[run][0])
    k = cfg.model.head.num_classes
    with torch.device('meta'):  # shapes only
        model = MODELS.build(cfg.model)
    count = sum(p.numel() for p in model.parameters())
    has_aux = model.head.aux1 is not None and model.head.aux2 is not None
    assert has_aux == aux
    assert count == (9_929_888 + 3_075 * k if aux else 5_599_904 + 1_025 * k)


def test_pretrained_googlenet_input_matches_torchvision_transform_input():
    """torchvision's pretrained GoogLeNet turns ImageNet-normalised input into (x-0.5)/0.5;
    G3's data preprocessor produces that directly from 0-255 pixels."""
    cfg = load(RUNS['G3'][0])
    mean, std = (torch.tensor(cfg.data_preprocessor[k]).view(1, 3, 1, 1) for k in ('mean', 'std'))
    imagenet = load(RUNS['G1'][0]).data_preprocessor
    in_mean, in_std = (torch.tensor(imagenet[k]).view(1, 3, 1, 1) for k in ('mean', 'std'))
    pixels = torch.randint(0, 256, (2, 3, 8, 8)).float()
    reference = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False,
                                             transform_input=True)
    expected = reference._transform_input((pixels - in_mean) / in_std)
    torch.testing.assert_close((pixels - mean) / std, expected, rtol=1e-5, atol=1e-5)
    assert cfg.model.backbone.init_cfg.type == 'Pretrained'
