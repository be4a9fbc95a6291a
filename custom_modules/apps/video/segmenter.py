"""Batched semantic segmentation of in-memory BGR frames with an mmseg model.

mmseg's ``inference_model`` rebuilds the test pipeline on every call and runs
one image at a time. Here the pipeline is built once (images from memory,
no annotation loading) and frames go through the model's data preprocessor
and ``test_step`` in batches, optionally under mixed precision (``amp``:
float16 autocast on CUDA, bfloat16 on CPU), which mmseg's demo does not offer.

Multi-scale inference is mmseg's test-time augmentation on the same batches:
the config's ``tta_model`` (mmseg's ``SegTTAModel``: per-scale logits resized
to the frame, softmax, averaged, argmax) wrapped around the model, and either
the config's own ``tta_pipeline`` (``tta=True``) or ``TestTimeAug`` over
``scales`` (resize ratios of the frame after the config's test pipeline, no flip).
"""
import os.path as osp
import warnings

import torch
from mmengine.config import Config
from mmengine.dataset import Compose

from custom_modules.errors import ConfigError, UserInputError
from custom_modules.plugins.engine.weight_check import check_checkpoint_fits

from .overlay import CITYSCAPES_CLASSES

REPORT_SCALES = (0.25, 0.5, 1.0, 2.0)  # report 001's multi-scale inference


def _kind(step):
    return step['type'].split('.')[-1]


def _in_memory(steps):
    """``steps`` reading frames from memory and loading no annotations (also inside
    ``TestTimeAug``, whose transform lists that only loaded annotations are dropped)."""
    pipeline = []
    for step in steps:
        if _kind(step) == 'LoadAnnotations':
            continue
        if _kind(step) == 'LoadImageFromFile':
            step = dict(type='LoadImageFromNDArray')
        if _kind(step) == 'TestTimeAug':
            lists = [_in_memory(options) for options in step['transforms']]
            step = dict(step, transforms=[options for options in lists if options])
        pipeline.append(step)
    return pipeline


def _inference_pipeline(cfg):
    return _in_memory(cfg.get('test_pipeline') or cfg.test_dataloader.dataset.pipeline)


def multi_scale_pipeline(cfg, scales):
    """The config's inference pipeline with ``TestTimeAug`` over resize ratios ``scales``
    (of the image the test pipeline hands on) before its final ``PackSegInputs``."""
    steps = _inference_pipeline(cfg)
    if not steps or _kind(steps[-1]) != 'PackSegInputs':
        raise ConfigError(f'{cfg.filename}: the test pipeline does not end with PackSegInputs')
    resizes = [dict(type='Resize', scale_factor=float(s), keep_ratio=True) for s in scales]
    return steps[:-1] + [dict(type='TestTimeAug', transforms=[resizes, [steps[-1]]])]


def config_tta_pipeline(cfg):
    """The config's ``tta_pipeline`` reading frames from memory."""
    if not cfg.get('tta_pipeline'):
        raise ConfigError(f'{cfg.filename}: no tta_pipeline for --tta')
    return _in_memory(cfg.tta_pipeline)


def check_scales(scales):
    if scales is not None and (not scales or any(not s > 0 for s in scales)):
        raise UserInputError(f'scales must be positive numbers, got {list(scales)}')


def default_device() -> str:
    return 'cuda' if torch.cuda.is_available() else 'cpu'


def autocast_settings(device: str, amp: bool) -> dict:
    """``torch.autocast`` arguments: float16 on CUDA (report 001's fp16 inference),
    bfloat16 elsewhere (CPU float16 kernels are slow or missing)."""
    kind = torch.device(device).type
    return dict(device_type=kind, enabled=amp,
                dtype=torch.float16 if kind == 'cuda' else torch.bfloat16)


class BatchSegmenter:
    """One Cityscapes model (``config`` + ``checkpoint``): ``predict(frames) -> label maps``."""

    def __init__(self, config, checkpoint: str, device: str = None,
                 classes=CITYSCAPES_CLASSES, amp: bool = False, allow_partial: bool = False,
                 scales=None, tta: bool = False):
        """``config``: a config file or a loaded :class:`Config`; the checkpoint must fit
        its model exactly unless ``allow_partial``. ``scales`` (resize ratios) or ``tta``
        (the config's ``tta_pipeline``) turn on multi-scale inference."""
        from mmengine.runner import load_checkpoint
        from mmseg.apis import init_model
        from mmseg.registry import MODELS
        for path, what in ((config, 'config'), (checkpoint, 'checkpoint')):
            if isinstance(path, str) and not osp.isfile(path):
                raise UserInputError(f'{what} file {path} does not exist')
        if scales is not None and tta:
            raise UserInputError('give either scales or tta, not both')
        check_scales(scales)
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
        self.tta_model = None
        if scales is not None or tta:
            steps = config_tta_pipeline(cfg) if tta else multi_scale_pipeline(cfg, scales)
            self.tta_model = MODELS.build(dict(cfg.get('tta_model') or dict(type='SegTTAModel'),
                                               module=self.model))
        else:
            steps = _inference_pipeline(cfg)
        self.pipeline = Compose(steps)
        self.autocast = autocast_settings(self.device, amp)

    def _batch(self, frames):
        items = [self.pipeline(dict(img=frame)) for frame in frames]
        if self.tta_model is None:
            return self.model, {key: [item[key] for item in items]
                                for key in ('inputs', 'data_samples')}
        augs = len(items[0]['inputs'])  # TestTimeAug: one list entry per augmentation
        return self.tta_model, {key: [[item[key][a] for item in items] for a in range(augs)]
                                for key in ('inputs', 'data_samples')}

    @torch.inference_mode()
    def predict(self, frames) -> list:
        """(H, W) uint8 train-id maps at each frame's own size, for BGR ``frames``."""
        if len({frame.shape for frame in frames}) > 1:  # mmseg batches same-size images only
            return [self.predict([frame])[0] for frame in frames]
        model, batch = self._batch(frames)
        with torch.autocast(**self.autocast), warnings.catch_warnings():
            # SegTTAModel stores (H, W) maps; PixelData warns that it adds the channel axis
            warnings.filterwarnings('ignore', 'The shape of value will convert')
            results = model.test_step(batch)
        return [r.pred_sem_seg.data.reshape(r.pred_sem_seg.data.shape[-2:])
                .to('cpu', torch.uint8).numpy() for r in results]
