"""Tiny segmentation data in real layouts (Cityscapes, CamVid, a driving video) and a tiny model."""
import os
import os.path as osp

import cv2
import numpy as np

from custom_modules.apps.data.smoke_data import (
    CAMVID_RGB,
    CITYSCAPES_CITY,
    make_camvid,
    make_cityscapes,
)
from custom_modules.apps.data.smoke_data import street_scene as _scene
from custom_modules.apps.run.reproduce.smoke import (
    TINY_MODEL,
    TINY_TEST_PIPELINE,
    save_tiny_segmenter,
)

from .configs import write_config

__all__ = ['CAMVID_RGB', 'CITYSCAPES_CITY', 'TINY_MODEL', 'TINY_TEST_PIPELINE', 'make_camvid',
           'make_cityscapes']

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


def tiny_seg_model(folder, name='tiny-fcn_cityscapes', seed=0, force_class=None):
    """A randomly initialised few-channel Cityscapes model: (config path, checkpoint path).

    ``force_class`` makes the model predict that train id everywhere.
    """
    os.makedirs(folder, exist_ok=True)
    config = write_config(osp.join(folder, f'{name}.py'), 'mmseg::_base_/default_runtime.py',
                          model=TINY_MODEL, test_pipeline=TINY_TEST_PIPELINE)

    def force(model):
        import torch
        conv = model.decode_head.conv_seg
        torch.nn.init.zeros_(conv.weight)
        with torch.no_grad():
            conv.bias.fill_(-10.0)
            conv.bias[force_class] = 10.0
    checkpoint = save_tiny_segmenter(osp.join(folder, f'{name}.pth'), seed,
                                     force if force_class is not None else None)
    return config, checkpoint


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
