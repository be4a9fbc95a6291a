"""Tiny (ResNet-18, 64-channel FPN and heads) random mmdet detectors saved as checkpoints."""
import torch

from .configs import REPO, write_config

VOC_FRCNN = f'{REPO}/configs/voc/faster-rcnn_r50_fpn_4xb8-10e_voc07.py'
VOC_FCOS = f'{REPO}/configs/voc/fcos_r50-caffe_fpn_gn-head_4xb4-30e_voc0712.py'
R18 = dict(depth=18, init_cfg=None)
TEST_PIPELINE = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(128, 128), keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs', meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape',
                                          'scale_factor')),
]


def tiny_faster_rcnn_config(path, max_dets=5):
    """VOC Faster R-CNN with a ResNet-18 backbone; every image yields exactly ``max_dets`` boxes."""
    return write_config(
        path, VOC_FRCNN,
        model=dict(backbone=R18, neck=dict(in_channels=[64, 128, 256, 512], out_channels=64),
                   rpn_head=dict(in_channels=64, feat_channels=64),
                   roi_head=dict(bbox_roi_extractor=dict(out_channels=64),
                                 bbox_head=dict(in_channels=64, fc_out_channels=128)),
                   test_cfg=dict(rpn=dict(nms_pre=200, max_per_img=50),
                                 rcnn=dict(score_thr=0.0, max_per_img=max_dets))),
        test_dataloader=dict(dataset=dict(pipeline=TEST_PIPELINE)))


def tiny_fcos_config(path, max_dets=3):
    return write_config(
        path, VOC_FCOS,
        model=dict(backbone=R18, neck=dict(in_channels=[64, 128, 256, 512], out_channels=64),
                   bbox_head=dict(in_channels=64, feat_channels=64),
                   test_cfg=dict(score_thr=0.0, max_per_img=max_dets)),
        test_dataloader=dict(dataset=dict(pipeline=TEST_PIPELINE)))


def save_random_checkpoint(config, path, seed=0):
    """Build the config's model with random weights and save it as an mmengine checkpoint."""
    from mmdet.datasets import VOCDataset
    from mmdet.registry import MODELS
    from mmengine.config import Config
    from mmengine.registry import DefaultScope

    import custom_modules  # noqa: F401
    torch.manual_seed(seed)
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = MODELS.build(Config.fromfile(config).model)
    model.init_weights()
    meta = dict(dataset_meta=dict(classes=VOCDataset.METAINFO['classes']))
    torch.save(dict(state_dict=model.state_dict(), meta=meta), str(path))
    return str(path)
