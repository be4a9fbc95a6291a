"""``tools/train.py --amp`` (bfloat16 on a CPU), ``--channels-last``, and their modules."""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper

import custom_modules  # noqa: F401  (registers the modules)
from custom_modules.apps.run.fast_options import amp_dtype, apply_fast_options
from custom_modules.plugins.hooks import ChannelsLastHook
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


@pytest.fixture(scope='module')
def config(tmp_path_factory):
    root = tmp_path_factory.mktemp('fast')
    make_cifar10(root / 'data', per_class_train=2)
    return tiny_cifar10_config(root / 'cfg.py', root / 'data', batch_size=4)


def _train(config, work_dir, *flags):
    result = run_script('tools/train.py', config, '--work-dir', str(work_dir), '--no-validate',
                        *flags,
                        threads=1)
    assert result.returncode == 0, result.stderr[-3000:]
    return Config.fromfile(osp.join(work_dir, 'cfg.py'))


def _conv_weight(work_dir):
    state = torch.load(glob.glob(osp.join(work_dir, 'epoch_1.pth'))[0], map_location='cpu',
                       weights_only=False)['state_dict']
    return state['backbone.layer1.0.conv1.weight']


def test_amp_trains_in_bfloat16_on_cpu_without_loss_scaling(config, tmp_path):
    if torch.cuda.is_available() and not torch.cuda.is_bf16_supported():
        pytest.skip('float16 GPU')
    saved = _train(config, tmp_path, '--amp')
    assert saved.optim_wrapper.type == 'AutocastOptimWrapper'
    assert saved.optim_wrapper.dtype == 'bfloat16' and 'loss_scale' not in saved.optim_wrapper
    assert torch.isfinite(_conv_weight(tmp_path)).all()


def test_channels_last_trains_the_model_in_channels_last(config, tmp_path):
    saved = _train(config, tmp_path, '--channels-last')
    assert any(h['type'] == 'ChannelsLastHook' for h in saved.custom_hooks)
    weight = _conv_weight(tmp_path)
    assert weight.is_contiguous(memory_format=torch.channels_last)
    assert not weight.is_contiguous()


def test_without_flags_the_model_stays_contiguous(config, tmp_path):
    saved = _train(config, tmp_path)
    assert saved.optim_wrapper.get('type', 'OptimWrapper') == 'OptimWrapper'
    assert _conv_weight(tmp_path).is_contiguous()


def test_autocast_optim_wrapper_runs_the_forward_in_bfloat16():
    conv = torch.nn.Conv2d(3, 4, 3)
    wrapper = build_optim_wrapper(conv, dict(type='AutocastOptimWrapper', dtype='bfloat16',
                                             optimizer=dict(type='SGD', lr=0.1)))
    with wrapper.optim_context(conv):
        out = conv(torch.randn(2, 3, 8, 8))
    assert out.dtype == torch.bfloat16
    wrapper.update_params(out.float().mean())  # no loss scaler needed
    assert conv.weight.dtype == torch.float32


def test_channels_last_hook_converts_the_model_and_the_preprocessed_batch():
    class Preprocessor(torch.nn.Module):
        def forward(self, data, training=False):
            return dict(inputs=data['inputs'].float(), data_samples=None)

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv, self.data_preprocessor = torch.nn.Conv2d(3, 4, 3), Preprocessor()

    model = Model()
    parameter = model.conv.weight
    runner = type('Runner', (), {'model': model})()
    ChannelsLastHook().before_train(runner)
    assert model.conv.weight is parameter  # an optimizer built earlier still holds it
    assert parameter.is_contiguous(memory_format=torch.channels_last)
    batch = model.data_preprocessor(dict(inputs=torch.zeros(2, 3, 8, 8, dtype=torch.uint8)))
    assert batch['inputs'].is_contiguous(memory_format=torch.channels_last)


def test_apply_fast_options_edits_only_what_is_asked():
    cfg = Config(dict(optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.1)),
                      custom_hooks=[dict(type='ChannelsLastHook')]))
    apply_fast_options(cfg, amp=True, channels_last=True, compile=True)
    assert len(cfg.custom_hooks) == 1 and cfg.compile is True
    expected = 'AutocastOptimWrapper' if amp_dtype() == torch.bfloat16 else 'AmpOptimWrapper'
    assert cfg.optim_wrapper.type == expected
    plain = apply_fast_options(Config(dict(optim_wrapper=dict(optimizer={}))))
    assert 'type' not in plain.optim_wrapper and 'compile' not in plain
