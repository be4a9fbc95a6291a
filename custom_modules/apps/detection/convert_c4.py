"""mmdet's COCO Faster R-CNN R50-caffe-C4 checkpoint turned into the VOC R50-C4 layout of
report 000-B (spec 000-B "initialisation", D1).

Input: mmdet's model-zoo checkpoint (box AP 35.6 on COCO), downloaded by the user::

    https://download.openmmlab.com/mmdetection/v2.0/faster_rcnn/faster_rcnn_r50_caffe_c4_1x_coco/faster_rcnn_r50_caffe_c4_1x_coco_20220316_150152-3f885b85.pth

Output: a checkpoint that the 000-B config
``configs/voc/faster-rcnn_r50-caffe-c4-roipool_frozen_1xb4-adam-15e_voc07.py`` loads
(``load_from``, :data:`DEFAULT_OUT`) without a missing, unexpected or reshaped tensor:

- backbone (stem, stages 1-3) and stage 4 (``roi_head.shared_head``): copied;
- RPN 3x3 conv (1024 -> 1024): copied;
- RPN 1x1 convs: the 15 anchors of scales 2/4/8/16/32 reduced to the 9 of scales 8/16/32
  (the anchor order is read from mmdet's ``AnchorGenerator``); each sigmoid objectness
  logit z becomes the two-way softmax pair (object z, background 0), since
  softmax(z, 0)[0] = sigmoid(z) (mmdet's softmax RPN puts the object first);
- RoI classifier: the rows of the 20 COCO classes that are VOC classes, in VOC order, then
  the background row (mmdet keeps background last); class-specific deltas: the same 20
  classes' 4 rows each.
"""
import os.path as osp
from collections import OrderedDict
from typing import Dict, List, Sequence

import torch

from custom_modules.errors import DataError, UserInputError

COCO_C4_SCALES = (2, 4, 8, 16, 32)  # mmdet's C4 base
VOC_C4_SCALES = (8, 16, 32)  # the bubbliiing anchors: 128, 256, 512 px at base size 16
RATIOS = (0.5, 1.0, 2.0)
# VOC name -> COCO name where they differ
COCO_NAME_OF_VOC = {'aeroplane': 'airplane', 'diningtable': 'dining table',
                    'motorbike': 'motorcycle', 'pottedplant': 'potted plant', 'sofa': 'couch',
                    'tvmonitor': 'tv'}

DEFAULT_OUT = 'checkpoints/faster-rcnn_r50-caffe-c4_coco-to-voc.pth'
RPN_CLS, RPN_REG = 'rpn_head.rpn_cls', 'rpn_head.rpn_reg'
FC_CLS, FC_REG = 'roi_head.bbox_head.fc_cls', 'roi_head.bbox_head.fc_reg'


def class_names():
    """(COCO classes, VOC classes) in mmdet's order."""
    from mmdet.datasets import CocoDataset, VOCDataset
    return CocoDataset.METAINFO['classes'], VOCDataset.METAINFO['classes']


def voc_rows_in_coco(coco: Sequence[str], voc: Sequence[str]) -> List[int]:
    """Index in ``coco`` of each VOC class, in VOC order."""
    return [list(coco).index(COCO_NAME_OF_VOC.get(name, name)) for name in voc]


def kept_anchor_indices(old_scales=COCO_C4_SCALES, new_scales=VOC_C4_SCALES,
                        ratios=RATIOS) -> List[int]:
    """For each base anchor of the new generator (mmdet's order), its index in the old one."""
    from mmdet.models.task_modules.prior_generators import AnchorGenerator

    def base_anchors(scales):
        return AnchorGenerator(strides=[16], ratios=list(ratios),
                               scales=list(scales)).base_anchors[0]

    old = base_anchors(old_scales)
    return [int(torch.nonzero((old - box).abs().sum(dim=1) < 1e-3)[0])
            for box in base_anchors(new_scales)]


def _rows(tensor: torch.Tensor, indices: Sequence[int], per_item: int) -> torch.Tensor:
    """Groups of ``per_item`` consecutive rows (first dimension), group ``i`` for each index."""
    rows = [i * per_item + k for i in indices for k in range(per_item)]
    return tensor[rows].clone()


def _softmax_pairs(sigmoid_logits: torch.Tensor) -> torch.Tensor:
    """Rows z_a -> (z_a, 0) per anchor: softmax over the pair gives sigmoid(z_a) first."""
    pairs = torch.zeros((2 * sigmoid_logits.shape[0], *sigmoid_logits.shape[1:]),
                        dtype=sigmoid_logits.dtype)
    pairs[0::2] = sigmoid_logits
    return pairs


def _check_layout(state: Dict[str, torch.Tensor], num_anchors: int, num_coco: int) -> None:
    expected = {f'{RPN_CLS}.weight': num_anchors, f'{RPN_REG}.weight': 4 * num_anchors,
                f'{FC_CLS}.weight': num_coco + 1, f'{FC_REG}.weight': 4 * num_coco}
    missing = [key for key in expected if key not in state]
    if missing or not any(k.startswith('roi_head.shared_head.layer4.') for k in state):
        raise DataError(
            f'not an mmdet Faster R-CNN R50-C4 checkpoint: it has no '
            f'{", ".join(missing) or "roi_head.shared_head.layer4.*"} '
            '(expected faster_rcnn_r50_caffe_c4_1x_coco_*.pth)')
    for key, rows in expected.items():
        if state[key].shape[0] != rows:
            raise DataError(
                f'{key} has {state[key].shape[0]} output rows, expected {rows} (COCO C4: '
                f'{num_anchors} anchors, {num_coco} classes + background); '
                'is it already converted, or another model?')


def convert_state_dict(state: Dict[str, torch.Tensor]) -> 'OrderedDict[str, torch.Tensor]':
    """The VOC C4 ``state_dict`` of a COCO C4 ``state_dict`` (see the module docstring)."""
    coco, voc = class_names()
    _check_layout(state, len(COCO_C4_SCALES) * len(RATIOS), len(coco))
    anchors = kept_anchor_indices()
    classes = voc_rows_in_coco(coco, voc)
    converted = OrderedDict()
    for key, value in state.items():
        layer = key.rpartition('.')[0]
        if layer == RPN_CLS:
            value = _softmax_pairs(_rows(value, anchors, 1))
        elif layer == RPN_REG:
            value = _rows(value, anchors, 4)
        elif layer == FC_CLS:
            value = _rows(value, classes + [len(coco)], 1)  # background last
        elif layer == FC_REG:
            value = _rows(value, classes, 4)
        converted[key] = value
    return converted


def convert_checkpoint(source: str, out: str) -> dict:
    """Read ``source`` (safe loading), write the converted checkpoint to ``out`` atomically;
    returns a summary (tensors copied, VOC classes)."""
    from custom_modules.plugins.engine.atomic_files import atomic_path
    from custom_modules.plugins.engine.safe_checkpoint import load_local_checkpoint_safely
    if not osp.isfile(source):
        raise UserInputError(f'checkpoint {source} does not exist')
    if osp.abspath(source) == osp.abspath(out):
        raise UserInputError(f'--out {out} is the input checkpoint; give another file')
    loaded = load_local_checkpoint_safely(source, map_location='cpu')
    state = loaded.get('state_dict', loaded) if isinstance(loaded, dict) else None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor)
                                              for v in state.values()):
        raise DataError(f'{source} holds no state_dict of tensors')
    converted = convert_state_dict(state)
    _, voc = class_names()
    meta = dict(dataset_meta=dict(classes=tuple(voc)),
                converted_from=osp.basename(source),
                conversion='COCO R50-C4 -> VOC: anchors of scales 8/16/32, softmax RPN '
                           'objectness, the 20 VOC classes + background')
    with atomic_path(out) as tmp:
        torch.save(dict(state_dict=converted, meta=meta), tmp)
    return dict(tensors=len(converted), classes=list(voc), out=out)
