"""A checkpoint that does not fit the model is refused for evaluation, listing what differs."""
import pytest
import torch
from torch import nn

from custom_modules.errors import ConfigError
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits, weight_mismatch
from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_script, tiny_cifar10_config


def _model():
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.Flatten(), nn.Linear(4, 2))


def test_exact_fit_passes_and_counts_every_tensor(tmp_path):
    model = _model()
    torch.save(dict(state_dict={f'module.{k}': v for k, v in model.state_dict().items()}),
               tmp_path / 'same.pth')
    found = check_checkpoint_fits(model, str(tmp_path / 'same.pth'))
    assert not found and found.loaded == len(model.state_dict())


def test_missing_unexpected_and_reshaped_keys_are_listed(tmp_path):
    weights = _model().state_dict()
    del weights['1.running_var']
    weights['3.weight'] = torch.zeros(5, 4)
    weights['extra.bias'] = torch.zeros(1)
    torch.save(dict(state_dict=weights), tmp_path / 'other.pth')
    found = weight_mismatch(_model(), str(tmp_path / 'other.pth'))
    assert found.missing == ['1.running_var']
    assert found.unexpected == ['extra.bias']
    assert found.mismatched == ['3.weight: checkpoint (5, 4) vs model (2, 4)']
    with pytest.raises(ConfigError, match=r'does not fit the model \(config c\.py\): .*'
                       r'1 missing from the checkpoint \(1\.running_var\).*--allow-partial'):
        check_checkpoint_fits(_model(), str(tmp_path / 'other.pth'), config='c.py')
    assert check_checkpoint_fits(_model(), str(tmp_path / 'other.pth'), allow_partial=True)


def test_test_tool_refuses_another_models_checkpoint_unless_allowed(tmp_path):
    make_cifar10(tmp_path / 'data', per_class_train=5, per_class_test=1)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    torch.save(dict(state_dict=_model().state_dict()), tmp_path / 'other.pth')
    args = ('tools/test.py', config, str(tmp_path / 'other.pth'), '--work-dir', str(tmp_path))
    refused = run_script(*args)
    assert refused.returncode == 2, refused.stderr[-2000:]
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith(f'error: checkpoint {tmp_path / "other.pth"} does not fit the model')
    assert 'missing from the checkpoint (backbone.' in last and 'unexpected (0.weight' in last
    allowed = run_script(*args, '--allow-partial')
    assert allowed.returncode == 0, allowed.stderr[-2000:]
    assert 'accuracy/top1' in allowed.stdout + allowed.stderr


def test_training_load_from_stays_partial_and_prints_the_summary(tmp_path):
    make_cifar10(tmp_path / 'data', per_class_train=5, per_class_test=1)
    config = tiny_cifar10_config(tmp_path / 'cfg.py', tmp_path / 'data')
    torch.save(dict(state_dict=_model().state_dict()), tmp_path / 'other.pth')
    result = run_script('tools/train.py', config, '--work-dir', str(tmp_path / 'w'),
                        '--cfg-options', f'load_from={tmp_path / "other.pth"}')
    assert result.returncode == 0, result.stderr[-2000:]
    assert f'weights from {tmp_path / "other.pth"}: 0 tensors match' in (result.stdout
                                                                          + result.stderr)


def test_predict_and_seg_video_refuse_another_models_checkpoint(tmp_path):
    import numpy as np
    from PIL import Image

    from tests.helpers.configs import DEMO_CONFIG
    from tests.helpers.seg_data import make_video, tiny_seg_model
    torch.save(dict(state_dict=_model().state_dict()), tmp_path / 'other.pth')
    Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(tmp_path / 'a.png')
    seg_config, _ = tiny_seg_model(tmp_path / 'seg')
    video = make_video(str(tmp_path / 'v.mp4'), frames=2, height=32, width=64)
    for args in (('tools/predict.py', DEMO_CONFIG, tmp_path / 'other.pth', tmp_path / 'a.png',
                  '--out', tmp_path / 'p.csv'),
                 ('tools/seg_video.py', video, '--model', seg_config, tmp_path / 'other.pth',
                  '-o', tmp_path / 'out.mp4')):
        result = run_script(*map(str, args))
        assert result.returncode == 2, result.stderr[-2000:]
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith(f'error: checkpoint {tmp_path / "other.pth"} does not fit'), last
        assert not any(p.exists() for p in (tmp_path / 'p.csv', tmp_path / 'out.mp4'))
