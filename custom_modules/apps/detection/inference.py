"""Load an mmdet detector from a config and checkpoint and run it on any image files.

``tools/vis_proposals.py`` and ``tools/compare_detectors.py`` predict through these
(the drawing is the plugin layer's, :mod:`custom_modules.plugins.visualization`).
"""
from typing import Optional, Sequence

import torch

from custom_modules.plugins.engine.weight_check import check_checkpoint_fits
from custom_modules.plugins.visualization.det_panels import predict_with_proposals


def load_detector(config: str, checkpoint: str, device: str = 'cpu', allow_partial=False,
                  cfg_options: Optional[dict] = None):
    """mmdet detector from a config and checkpoint (torch's safe loading stays on); the
    checkpoint must fit the model exactly unless ``allow_partial``. ``cfg_options``
    (``{'model.test_cfg.max_per_img': 300}`` style) override config values first."""
    from mmdet.apis import init_detector
    from mmengine.registry import DefaultScope

    import custom_modules  # noqa: F401  (safe checkpoint loading, registered modules)
    with DefaultScope.overwrite_default_scope('mmdet'):
        model = init_detector(config, checkpoint, device=device, cfg_options=cfg_options)
    check_checkpoint_fits(model, checkpoint, allow_partial, config)
    return model


def predict_images(model, image_paths: Sequence[str], num_proposals: int = 0):
    """Yield ``(path, image_bgr, data_sample, proposals or None)`` for each image path.

    The config's test pipeline is used without its annotation loading, so any
    image works (not only dataset images).
    """
    import mmcv
    from mmcv.transforms import Compose
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import DefaultScope
    cfg = model.cfg.test_dataloader.dataset.pipeline
    steps = [t for t in cfg if t['type'].split('.')[-1] != 'LoadAnnotations']
    with DefaultScope.overwrite_default_scope('mmdet'):
        pipeline = Compose(steps)
        for i, path in enumerate(image_paths):
            image = mmcv.imread(path)
            if image is None:
                raise FileNotFoundError(f'cannot read image {path}')
            batch = pseudo_collate([pipeline(dict(img_path=path, img_id=i))])
            with torch.no_grad():
                data = model.data_preprocessor(batch, False)
                if num_proposals:
                    samples, proposals = predict_with_proposals(
                        model, data['inputs'], data['data_samples'], num_proposals)
                    yield path, image, samples[0], proposals[0]
                else:
                    yield path, image, model.predict(data['inputs'], data['data_samples'])[0], None
