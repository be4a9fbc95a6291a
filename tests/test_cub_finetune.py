"""CUB fine-tuning configs: the new output layer at the full lr, every other layer at a tenth."""
import pytest
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper

import custom_modules  # noqa: F401
from tests.helpers.configs import REPO


@pytest.mark.parametrize('name, new_layer', [
    ('resnet18_1xb32-pretrained_cub200', 'head.fc.'),
    ('alexnet_1xb32-pretrained_cub200', 'backbone.classifier.6.'),
    ('resnet18_1xb32-scratch_cub200', 'head.fc.'),
])
def test_lr_multiplier_on_parameter_groups(name, new_layer):
    from mmpretrain.registry import MODELS
    cfg = Config.fromfile(f'{REPO}/configs/cub/{name}.py')
    model = MODELS.build(cfg.model)
    wrapper = build_optim_wrapper(model, cfg.optim_wrapper)
    lr_of = {id(p): group['lr']
             for group in wrapper.optimizer.param_groups for p in group['params']}
    base_lr = cfg.optim_wrapper.optimizer.lr
    for param_name, param in model.named_parameters():
        expected = base_lr if param_name.startswith(new_layer) else base_lr * 0.1
        assert lr_of[id(param)] == pytest.approx(expected), param_name
    assert cfg.optim_wrapper.optimizer.momentum == 0.9
    assert cfg.optim_wrapper.optimizer.weight_decay == 1e-3
    out_features = (model.head.fc.out_features if 'resnet' in name
                    else model.backbone.classifier[6].out_features)
    assert out_features == 200
