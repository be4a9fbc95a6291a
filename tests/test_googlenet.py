"""GoogLeNet backbone and GoogLeNetHead: feature shapes, auxiliary losses, predict without aux,
torchvision-compatible names (its ImageNet checkpoint loads into the backbone by name) and
torchvision's default init. (The init statistics of the whole model are checked on report
003's config in tests/test_folder_configs.py.)"""
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import custom_modules  # noqa: F401
from custom_modules.plugins.models import GoogLeNet, GoogLeNetHead

# parameters of the whole classifier with 10 classes, aux heads included (printed by the test)
PINNED_PARAMS = 9_960_638
LABELS = (3, 7)


def build_classifier():
    return MODELS.build(dict(type='ImageClassifier', backbone=dict(type='GoogLeNet'), neck=None,
                             head=dict(type='GoogLeNetHead', num_classes=10)))


def torchvision_googlenet():
    return torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False)


def backbone_part(state_dict):
    """The keys of torchvision's GoogLeNet that belong to our backbone (no aux heads, no fc)."""
    return {k: v for k, v in state_dict.items() if not k.startswith(('aux1.', 'aux2.', 'fc.'))}


def samples():
    return [DataSample().set_gt_label(k) for k in LABELS]


def test_backbone_returns_aux_inputs_only_in_training():
    backbone = GoogLeNet()
    inputs = torch.randn(2, 3, 224, 224)
    with torch.no_grad():
        backbone.train()  # mmpretrain's BaseBackbone.train() returns None, so no chaining
        train_shapes = [tuple(o.shape) for o in backbone(inputs)]
        backbone.eval()
        eval_shapes = [tuple(o.shape) for o in backbone(inputs)]
    assert train_shapes == [(2, 512, 14, 14), (2, 528, 14, 14), (2, 1024, 7, 7)]
    assert eval_shapes == [(2, 1024, 7, 7)]


def test_default_init_is_torchvisions_also_for_the_stem_convs():
    """mmcv's ConvModule.init_weights() would re-draw conv1-conv3 (direct children) with
    Kaiming (std sqrt(2 / fan_out) = 0.025 for conv1) after the backbone's init_cfg."""
    torch.manual_seed(0)
    backbone = GoogLeNet()
    backbone.init_weights()
    for name in ('conv1', 'conv2', 'conv3', 'inception3a'):
        convs = [m for m in getattr(backbone, name).modules() if isinstance(m, nn.Conv2d)]
        weights = torch.cat([m.weight.detach().flatten() for m in convs])
        assert weights.std().item() == pytest.approx(0.01, rel=0.05), name
    assert all((m.weight == 1).all() and not m.bias.any()
               for m in backbone.modules() if isinstance(m, nn.BatchNorm2d))
    head = GoogLeNetHead(num_classes=4)
    head.init_weights()
    assert head.aux1.fc1.weight.std().item() == pytest.approx(0.01, rel=0.02)
    assert not head.aux1.fc1.bias.any() and not head.fc.bias.any()


def test_parameter_count_is_pinned():
    model = build_classifier()
    count = sum(p.numel() for p in model.parameters())
    print(f'GoogLeNet + aux heads, 10 classes: {count:,} parameters')
    assert count == PINNED_PARAMS


def test_training_loss_adds_weighted_aux_losses():
    torch.manual_seed(0)
    model = build_classifier().train()
    for module in model.modules():  # deterministic heads, so the losses can be recomputed
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    inputs = torch.randn(2, 3, 96, 96)
    losses = model(inputs, samples(), mode='loss')
    assert set(losses) == {'loss', 'loss_aux1', 'loss_aux2'}

    head, target = model.head, torch.tensor(LABELS)
    with torch.no_grad():  # BN in training mode sees the same batch, so features repeat
        out_4a, out_4d, out_5b = model.extract_feat(inputs)
        expected = {
            'loss': F.cross_entropy(head.fc(out_5b.mean((2, 3))), target),
            'loss_aux1': 0.3 * F.cross_entropy(head.aux1(out_4a), target),
            'loss_aux2': 0.3 * F.cross_entropy(head.aux2(out_4d), target)}
    for key, value in expected.items():
        torch.testing.assert_close(losses[key].detach(), value, rtol=1e-5, atol=1e-6)
    total, _ = model.parse_losses(losses)
    assert total.item() == pytest.approx(sum(v.item() for v in expected.values()), rel=1e-5)


def test_predict_in_eval_mode_uses_the_main_classifier_only():
    model = build_classifier().eval()
    calls = []
    for i, aux in enumerate((model.head.aux1, model.head.aux2)):
        aux.register_forward_hook(lambda module, args, out, i=i: calls.append(i))
    with torch.no_grad():
        predictions = model(torch.randn(2, 3, 96, 96), samples(), mode='predict')
        eval_losses = model(torch.randn(2, 3, 96, 96), samples(), mode='loss')
    assert calls == []
    assert len(predictions) == 2
    assert all(p.pred_score.shape == (10, ) for p in predictions)
    assert set(eval_losses) == {'loss'}


def test_backbone_state_dict_matches_torchvision():
    expected = backbone_part(torchvision_googlenet().state_dict())
    backbone = GoogLeNet()
    assert set(backbone.state_dict()) == set(expected)  # num_batches_tracked included
    backbone.load_state_dict(expected, strict=True)  # names and shapes match exactly


def test_head_names_match_torchvision():
    reference = torchvision_googlenet().state_dict()
    head = GoogLeNetHead(num_classes=1000)
    own = head.state_dict()
    assert set(own) == {k for k in reference if k.startswith(('aux1.', 'aux2.', 'fc.'))}
    assert all(own[k].shape == reference[k].shape for k in own)


def test_pretrained_init_cfg_loads_torchvision_checkpoint(tmp_path):
    torch.manual_seed(0)
    reference = torchvision_googlenet().eval()
    for module in reference.modules():  # non-trivial statistics, so BN eps and order matter
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.1, 0.1)
            module.running_var.uniform_(0.5, 1.5)
    checkpoint = tmp_path / 'googlenet.pth'
    torch.save(reference.state_dict(), checkpoint)  # whole file: aux and fc keys are unexpected
    backbone = GoogLeNet(init_cfg=dict(type='Pretrained', checkpoint=str(checkpoint)))
    backbone.init_weights()
    backbone.eval()

    captured = []
    reference.inception5b.register_forward_hook(lambda module, args, out: captured.append(out))
    inputs = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        reference(inputs)
        (out_5b, ) = backbone(inputs)
    torch.testing.assert_close(out_5b, captured[0], rtol=1e-4, atol=1e-5)


def test_head_without_aux_classifiers_is_torchvisions_pretrained_layout():
    """aux_logits=False: only fc (the keys of torchvision's googlenet(aux_logits=False)), and
    the training loss is the main classifier's alone, although the backbone in training
    mode still returns the two earlier maps."""
    reference = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    head = GoogLeNetHead(num_classes=1000, aux_logits=False)
    assert set(head.state_dict()) == {k for k in reference.state_dict() if k.startswith('fc.')}
    assert head.aux1 is None and head.aux2 is None

    torch.manual_seed(0)
    model = MODELS.build(dict(type='ImageClassifier', backbone=dict(type='GoogLeNet'), neck=None,
                              head=dict(type='GoogLeNetHead', num_classes=10,
                                        aux_logits=False, dropout=0.0))).train()
    inputs = torch.randn(2, 3, 96, 96)
    losses = model(inputs, samples(), mode='loss')
    assert set(losses) == {'loss'}
    with torch.no_grad():
        feats = model.extract_feat(inputs)
        expected = F.cross_entropy(model.head.fc(feats[-1].mean((2, 3))), torch.tensor(LABELS))
    assert len(feats) == 3
    torch.testing.assert_close(losses['loss'].detach(), expected, rtol=1e-5, atol=1e-6)
