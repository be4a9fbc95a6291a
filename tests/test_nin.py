"""NIN backbone: score-map shape at 224 px and a full ImageClassifier (logits, loss, size)."""
import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import custom_modules  # noqa: F401
from custom_modules.plugins.models import NIN

# parameters of the whole classifier with 10 classes (printed by the test)
PINNED_PARAMS = 6_580_426


def build_classifier(num_classes=10):
    return MODELS.build(dict(
        type='ImageClassifier', backbone=dict(type='NIN', num_classes=num_classes),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='ClsHead', loss=dict(type='CrossEntropyLoss'))))


def test_nin_returns_a_class_score_map():
    backbone = NIN(num_classes=7)
    backbone.eval()  # mmpretrain's BaseBackbone.train() returns None, so no chaining
    with torch.no_grad():
        out = backbone(torch.randn(2, 3, 224, 224))
    assert len(out) == 1 and out[0].shape == (2, 7, 6, 6)
    # the last 1x1 conv has no ReLU, so the scores are not clipped at zero
    last_conv = backbone.layers[-1][-1]
    assert last_conv.conv.out_channels == 7 and not last_conv.with_activation


def test_nin_image_classifier_gives_logits_and_a_finite_loss():
    torch.manual_seed(0)
    model = build_classifier()
    count = sum(p.numel() for p in model.parameters())
    print(f'NIN, 10 classes: {count:,} parameters')
    assert count == PINNED_PARAMS

    inputs = torch.randn(2, 3, 224, 224)
    model.eval()
    with torch.no_grad():
        logits = model(inputs, mode='tensor')
    assert logits.shape == (2, 10)

    model.train()
    samples = [DataSample().set_gt_label(k) for k in (3, 7)]
    losses = model(inputs, samples, mode='loss')
    assert set(losses) == {'loss'} and torch.isfinite(losses['loss'])
    losses['loss'].backward()
    assert model.backbone.layers[0][0].conv.weight.grad is not None
