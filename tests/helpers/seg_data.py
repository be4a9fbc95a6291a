"""Tiny segmentation data in real layouts (Cityscapes, CamVid, a driving video) and a tiny model."""
import os
import os.path as osp

import cv2
import numpy as np
from PIL import Image

from custom_modules.apps.data.smoke_data import CITYSCAPES_CITY, make_cityscapes
from custom_modules.apps.data.smoke_data import street_scene as _scene

from .configs import write_config

__all__ = ['CITYSCAPES_CITY', 'make_cityscapes']

def make_video(path, frames=24, height=128, width=256, fps=10):
    """An mp4v video of a moving bright box on a gradient (BGR frames as OpenCV writes them)."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*'mp4v'), fps, (width, height))
    assert writer.isOpened()
    base = np.tile(np.linspace(0, 200, width, dtype=np.uint8), (height, 1))
    for i in range(frames):
        frame = np.stack([base, base[::-1, ::-1], np.full_like(base, 60)], axis=-1)
        x = (i * 7) % (width - 32)
        frame[height // 2:height // 2 + 24, x:x + 32] = (40, 200, 240)
        writer.write(frame)
    writer.release()
    return str(path)


TINY_MODEL = dict(
    type='EncoderDecoder',
    data_preprocessor=dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], bgr_to_rgb=True, pad_val=0,
                           seg_pad_val=255, size_divisor=32),
    backbone=dict(type='ResNetV1c', depth=18, stem_channels=8, base_channels=8,
                  num_stages=2, out_indices=(1,), strides=(2, 2), dilations=(1, 1),
                  norm_cfg=dict(type='BN', requires_grad=True)),
    decode_head=dict(type='FCNHead', in_channels=16, in_index=0, channels=8, num_convs=1,
                     concat_input=False, dropout_ratio=0, num_classes=19,
                     norm_cfg=dict(type='BN', requires_grad=True), align_corners=False,
                     loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)),
    train_cfg=dict(), test_cfg=dict(mode='whole'))

TINY_TEST_PIPELINE = [dict(type='LoadImageFromFile'),
                      dict(type='Resize', scale=(128, 64), keep_ratio=True),
                      dict(type='LoadAnnotations'),
                      dict(type='PackSegInputs')]


def tiny_seg_model(folder, name='tiny-fcn_cityscapes', seed=0, force_class=None):
    """A randomly initialised few-channel Cityscapes model: (config path, checkpoint path).

    ``force_class`` makes the model predict that train id everywhere.
    """
    import torch
    from mmengine.registry import init_default_scope
    from mmseg.datasets import CityscapesDataset
    from mmseg.registry import MODELS
    os.makedirs(folder, exist_ok=True)
    config = write_config(osp.join(folder, f'{name}.py'), 'mmseg::_base_/default_runtime.py',
                          model=TINY_MODEL, test_pipeline=TINY_TEST_PIPELINE)
    init_default_scope('mmseg')
    torch.manual_seed(seed)
    model = MODELS.build(TINY_MODEL)
    model.init_weights()
    if force_class is not None:
        conv = model.decode_head.conv_seg
        torch.nn.init.zeros_(conv.weight)
        with torch.no_grad():
            conv.bias.fill_(-10.0)
            conv.bias[force_class] = 10.0
    meta = dict(dataset_meta=dict(classes=list(CityscapesDataset.METAINFO['classes']),
                                  palette=[list(c) for c in CityscapesDataset.METAINFO['palette']]))
    checkpoint = osp.join(folder, f'{name}.pth')
    torch.save(dict(state_dict=model.state_dict(), meta=meta), checkpoint)
    return config, checkpoint


CAMVID_RGB = dict(Sky=(128, 128, 128), Building=(128, 0, 0), Road=(128, 64, 128),
                  Car=(64, 0, 128), Void=(0, 0, 0), Truck_Bus=(192, 128, 192))


def make_camvid(root, count=3, height=48, width=64, seed=0):
    """ROOT/test/*.png with colour labels ROOT/test_labels/*_L.png (CamVid's RGB class colours)."""
    rng = np.random.default_rng(seed)
    for folder in ('test', 'test_labels'):
        os.makedirs(osp.join(root, folder), exist_ok=True)
    for k in range(count):
        label = np.zeros((height, width, 3), np.uint8)
        label[:] = CAMVID_RGB['Road']
        label[:height // 3] = CAMVID_RGB['Sky']
        label[height // 3:height // 2] = CAMVID_RGB['Building']
        label[height // 2:, k * 8:k * 8 + 12] = CAMVID_RGB['Car']
        label[height // 2:, -10:] = CAMVID_RGB['Truck_Bus']
        label[-3:] = CAMVID_RGB['Void']
        name = f'0001TP_{8550 + 30 * k:06d}'
        Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8)).save(
            osp.join(root, 'test', f'{name}.png'))
        Image.fromarray(label).save(osp.join(root, 'test_labels', f'{name}_L.png'))
    return root


def make_camvid_sequences(folder, frames=None, height=48, width=64, seed=0):
    """A flat folder of CamVid-named frames (``0001TP_008550.png``, ``Seq05VD_f00000.png``,
    ...) from a few sequences, written out of name order; returns the folder."""
    frames = frames or {'0001TP': 3, 'Seq05VD': 2}
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    names = [f'{sequence}_{"f" if sequence.startswith("Seq") else ""}{30 * k:05d}.png'
             for sequence, count in frames.items() for k in range(count)]
    for name in reversed(names):
        image, _ = _scene(rng, height, width)
        cv2.imwrite(osp.join(folder, name), image)
    return str(folder)


def native_config(folder, name, base_config, tta_ratios=None):
    """A config over ``base_config`` (e.g. :func:`tiny_seg_model`'s) whose test pipeline
    loads the frame at its native size, as the 001-A configs do, with an mmseg
    ``tta_pipeline`` at ``tta_ratios`` (no flip) when given."""
    extra = {}
    if tta_ratios:
        extra = dict(tta_model=dict(type='SegTTAModel'), tta_pipeline=[
            dict(type='LoadImageFromFile'),
            dict(type='TestTimeAug', transforms=[
                [dict(type='Resize', scale_factor=r, keep_ratio=True) for r in tta_ratios],
                [dict(type='LoadAnnotations')], [dict(type='PackSegInputs')]])])
    return write_config(osp.join(folder, f'{name}.py'), osp.basename(base_config),
                        test_pipeline=[dict(type='LoadImageFromFile'),
                                       dict(type='LoadAnnotations'),
                                       dict(type='PackSegInputs')], **extra)
