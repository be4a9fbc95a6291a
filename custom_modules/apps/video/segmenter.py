"""Batched semantic segmentation of in-memory BGR frames with an mmseg model.

mmseg's ``inference_model`` rebuilds the test pipeline on every call and runs
one image at a time. Here the pipeline is built once (images from memory,
no annotation loading) and frames go through the model's data preprocessor
and ``test_step`` in batches, optionally under mixed precision (``amp``:
bfloat16 on CPU, float16 on CUDA), which mmseg's demo does not offer.
"""
import os.path as osp

import torch
from mmengine.config import Config
from mmengine.dataset import Compose

from custom_modules.errors import ConfigError, UserInputError
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits

from .overlay import CITYSCAPES_CLASSES


def _inference_pipeline(cfg):
    steps = cfg.get('test_pipeline') or cfg.test_dataloader.dataset.pipeline
    pipeline = []
    for step in steps:
        kind = step['type'].split('.')[-1]
        if kind == 'LoadAnnotations':
            continue
        if kind == 'LoadImageFromFile':
            step = dict(type='LoadImageFromNDArray')
        pipeline.append(step)
    return pipeline


def default_device() -> str:
    return 'cuda' if torch.cuda.is_available() else 'cpu'


class BatchSegmenter:
    """One Cityscapes model (``config`` + ``checkpoint``): ``predict(frames) -> label maps``."""

    def __init__(self, config, checkpoint: str, device: str = None,
                 classes=CITYSCAPES_CLASSES, amp: bool = False, allow_partial: bool = False):
        """``config``: a config file or a loaded :class:`Config`; the checkpoint must fit
        its model exactly unless ``allow_partial``."""
        from mmengine.runner import load_checkpoint
        from mmseg.apis import init_model
        for path, what in ((config, 'config'), (checkpoint, 'checkpoint')):
            if isinstance(path, str) and not osp.isfile(path):
                raise UserInputError(f'{what} file {path} does not exist')
        cfg = Config.fromfile(config) if isinstance(config, str) else config.copy()
        self.name = osp.splitext(osp.basename(cfg.filename or 'model'))[0]
        self.device = device or default_device()
        self.model = init_model(cfg, None, device=self.device)  # built, then checked, loaded
        check_checkpoint_fits(self.model, checkpoint, allow_partial, cfg.filename)
        load_checkpoint(self.model, checkpoint, map_location='cpu', logger='silent')
        heads = self.model.decode_head
        heads = heads if isinstance(heads, torch.nn.ModuleList) else [heads]
        if classes is not None and heads[-1].num_classes != len(classes):
            raise ConfigError(f'{cfg.filename}: the model predicts {heads[-1].num_classes} '
                              f'classes, a Cityscapes model predicts {len(classes)}')
        self.pipeline = Compose(_inference_pipeline(cfg))
        kind = torch.device(self.device).type
        self.autocast = dict(device_type=kind, enabled=amp,
                             dtype=torch.float16 if kind == 'cuda' else torch.bfloat16)

    @torch.inference_mode()
    def predict(self, frames) -> list:
        """(H, W) uint8 train-id maps at each frame's own size, for BGR ``frames``."""
        if len({frame.shape for frame in frames}) > 1:  # mmseg batches same-size images only
            return [self.predict([frame])[0] for frame in frames]
        items = [self.pipeline(dict(img=frame)) for frame in frames]
        batch = dict(inputs=[item['inputs'] for item in items],
                     data_samples=[item['data_samples'] for item in items])
        with torch.autocast(**self.autocast):
            results = self.model.test_step(batch)
        return [r.pred_sem_seg.data[0].to('cpu', torch.uint8).numpy() for r in results]
