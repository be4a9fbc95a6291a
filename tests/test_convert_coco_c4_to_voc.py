"""tools/convert_coco_c4_to_voc.py: mmdet's COCO R50-C4 checkpoint -> the VOC C4 layout
(a tiny fake checkpoint with the real key names, 15 anchors and 81 class rows)."""
from collections import OrderedDict

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope

from custom_modules.apps.detection.convert_c4 import (
    class_names,
    convert_state_dict,
    kept_anchor_indices,
)
from tests.helpers.configs import REPO, run_script

TOOL = 'tools/convert_coco_c4_to_voc.py'
MODEL_BASE = f'{REPO}/configs/_base_/models/faster-rcnn_r50-caffe-c4-roipool_voc.py'
# mmdet's base anchors run ratio-major, scale-minor: index = 5 * ratio + scale for the
# COCO scales (2, 4, 8, 16, 32); scales 8/16/32 are scale indices 2, 3, 4 of each ratio
KEPT_ANCHORS = [2, 3, 4, 7, 8, 9, 12, 13, 14]
# the COCO row of each VOC class, in mmdet's VOC order (aeroplane ... tvmonitor)
VOC_IN_COCO = [4, 1, 14, 8, 39, 5, 2, 15, 56, 19, 60, 16, 17, 3, 0, 58, 18, 57, 6, 62]


def _numbered(rows, columns=2):
    """Row i holds i (then i + 0.5, ...): every row recognisable after the mapping."""
    return torch.arange(rows, dtype=torch.float32)[:, None] + 0.5 * torch.arange(columns)


def fake_coco_c4_state():
    """The real key names of mmdet's COCO C4 checkpoint, tiny channel counts."""
    return OrderedDict([
        ('backbone.conv1.weight', torch.full((4, 3, 7, 7), 0.25)),
        ('backbone.bn1.running_mean', torch.arange(4.0)),
        ('backbone.layer3.5.conv3.weight', torch.full((8, 2, 1, 1), -1.0)),
        ('rpn_head.rpn_conv.weight', torch.full((3, 8, 3, 3), 0.5)),
        ('rpn_head.rpn_conv.bias', torch.arange(3.0)),
        ('rpn_head.rpn_cls.weight', _numbered(15, 3).view(15, 3, 1, 1)),
        ('rpn_head.rpn_cls.bias', torch.arange(15.0) + 100),
        ('rpn_head.rpn_reg.weight', _numbered(60, 3).view(60, 3, 1, 1)),
        ('rpn_head.rpn_reg.bias', torch.arange(60.0) + 100),
        ('roi_head.shared_head.layer4.0.conv1.weight', torch.full((2, 8, 1, 1), 2.0)),
        ('roi_head.bbox_head.fc_cls.weight', _numbered(81)),
        ('roi_head.bbox_head.fc_cls.bias', torch.arange(81.0) + 100),
        ('roi_head.bbox_head.fc_reg.weight', _numbered(320)),
        ('roi_head.bbox_head.fc_reg.bias', torch.arange(320.0) + 100),
    ])


def test_anchor_order_and_class_rows_are_the_hand_derived_ones():
    assert kept_anchor_indices() == KEPT_ANCHORS
    coco, voc = class_names()
    assert [coco[i] for i in VOC_IN_COCO][:4] == ['airplane', 'bicycle', 'bird', 'boat']
    assert len(voc) == 20 and len(set(VOC_IN_COCO)) == 20


def test_rows_are_mapped_exactly():
    source = fake_coco_c4_state()
    out = convert_state_dict(source)
    assert list(out) == list(source)
    for key in ('backbone.conv1.weight', 'backbone.layer3.5.conv3.weight',
                'rpn_head.rpn_conv.weight', 'roi_head.shared_head.layer4.0.conv1.weight'):
        assert torch.equal(out[key], source[key])
    # RPN objectness: (object = old logit of the kept anchor, background = 0) per anchor
    cls_w, cls_b = out['rpn_head.rpn_cls.weight'].flatten(1), out['rpn_head.rpn_cls.bias']
    assert cls_w.shape == (18, 3)
    assert cls_w[0::2, 0].tolist() == KEPT_ANCHORS and (cls_w[1::2] == 0).all()
    assert cls_b[0::2].tolist() == [100.0 + a for a in KEPT_ANCHORS] and (cls_b[1::2] == 0).all()
    reg_rows = [4 * a + k for a in KEPT_ANCHORS for k in range(4)]
    assert out['rpn_head.rpn_reg.weight'].flatten(1)[:, 0].tolist() == reg_rows
    assert out['rpn_head.rpn_reg.bias'].tolist() == [100.0 + r for r in reg_rows]
    # RoI head: 20 VOC classes, background (COCO row 80) last; 4 delta rows per class
    assert out['roi_head.bbox_head.fc_cls.weight'][:, 0].tolist() == VOC_IN_COCO + [80]
    assert out['roi_head.bbox_head.fc_cls.weight'][:, 1].tolist() == [
        r + 0.5 for r in VOC_IN_COCO + [80]]
    assert out['roi_head.bbox_head.fc_cls.bias'].tolist() == [100.0 + r
                                                              for r in VOC_IN_COCO + [80]]
    delta_rows = [4 * c + k for c in VOC_IN_COCO for k in range(4)]
    assert out['roi_head.bbox_head.fc_reg.weight'][:, 0].tolist() == delta_rows
    assert out['roi_head.bbox_head.fc_reg.bias'].tolist() == [100.0 + r for r in delta_rows]


def test_softmax_objectness_equals_the_original_sigmoid():
    torch.manual_seed(0)
    source = fake_coco_c4_state()
    source['rpn_head.rpn_cls.weight'] = torch.randn(15, 3, 1, 1)
    source['rpn_head.rpn_cls.bias'] = torch.randn(15)
    out = convert_state_dict(source)
    features = torch.randn(1, 3, 2, 2)
    old = torch.nn.functional.conv2d(features, source['rpn_head.rpn_cls.weight'],
                                     source['rpn_head.rpn_cls.bias'])
    new = torch.nn.functional.conv2d(features, out['rpn_head.rpn_cls.weight'],
                                     out['rpn_head.rpn_cls.bias'])
    # mmdet's softmax RPN: (anchor, class) pairs per cell, the object score is class 0
    new_scores = new.permute(0, 2, 3, 1).reshape(-1, 2).softmax(-1)[:, 0]
    old_scores = old[:, KEPT_ANCHORS].permute(0, 2, 3, 1).reshape(-1).sigmoid()
    assert torch.allclose(new_scores, old_scores, atol=1e-6)


def test_a_full_size_conversion_fits_the_000b_model_exactly():
    """The real tensor shapes: every tensor of the 000-B model (RPN with 1024 mid channels)
    comes from the converted COCO checkpoint, none missing, none extra, none reshaped."""
    from mmdet.registry import MODELS

    import custom_modules  # noqa: F401
    cfg = Config.fromfile(MODEL_BASE)
    cfg.model.rpn_head.feat_channels = 1024
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = MODELS.build(cfg.model)
    coco_rows = {'rpn_head.rpn_cls': 15, 'rpn_head.rpn_reg': 60,
                 'roi_head.bbox_head.fc_cls': 81, 'roi_head.bbox_head.fc_reg': 320}
    source = OrderedDict()
    for key, value in model.state_dict().items():
        rows = coco_rows.get(key.rpartition('.')[0])
        source[key] = value.new_zeros((rows, *value.shape[1:])) if rows else value
    converted = convert_state_dict(source)
    model.load_state_dict(converted, strict=True)


def test_tool_writes_a_safely_loadable_checkpoint(tmp_path):
    source = tmp_path / 'faster_rcnn_r50_caffe_c4_1x_coco.pth'
    torch.save(dict(state_dict=fake_coco_c4_state(), meta=dict(epoch=12)), source)
    out = tmp_path / 'out' / 'voc.pth'
    result = run_script(TOOL, source, '--out', out)
    assert result.returncode == 0, result.stderr
    assert f'wrote {out}' in result.stdout
    saved = torch.load(out, weights_only=True)
    assert saved['meta']['dataset_meta']['classes'] == class_names()[1]
    assert saved['state_dict']['roi_head.bbox_head.fc_cls.weight'][:, 0].tolist() == \
        VOC_IN_COCO + [80]
    assert [p.name for p in out.parent.iterdir()] == ['voc.pth']  # no temporary left


@pytest.mark.parametrize('case', ['missing', 'garbage', 'fpn', 'converted'])
def test_bad_input_is_one_error_line_and_exit_2(tmp_path, case):
    source = tmp_path / 'in.pth'
    state = fake_coco_c4_state()
    if case == 'garbage':
        source.write_bytes(b'not a checkpoint')
    elif case == 'fpn':
        state = {k: v for k, v in state.items() if 'shared_head' not in k}
    elif case == 'converted':
        state = convert_state_dict(state)
    if case in ('fpn', 'converted'):
        torch.save(dict(state_dict=state), source)
    out = tmp_path / 'out.pth'
    result = run_script(TOOL, source, '--out', out)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('error: '), result.stderr
    assert not out.exists()
