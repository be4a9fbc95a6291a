"""torchvision's ColorJitter on the BGR uint8 images of mmdet pipelines.

mmpretrain's ``ColorJitter`` (reachable from mmdet configs as
``mmpretrain.ColorJitter``) computes the hue shift with ``np.uint8(factor *
255)``, which raises ``OverflowError`` under numpy 2 for every negative hue
factor (half the draws), and mmdet's ``PhotoMetricDistortion`` jitters
differently (additive brightness, HSV-space hue, fixed order). The FCOS code of
report 000 (000-C) applies torchvision's ``ColorJitter`` to the PIL RGB image
(factors uniform in [1 - x, 1 + x], hue in [-x, x], the four in random order);
this transform does exactly that and converts back to BGR.
"""
import numpy as np
from mmcv.transforms import BaseTransform
from mmdet.registry import TRANSFORMS
from PIL import Image
from torchvision.transforms import ColorJitter


@TRANSFORMS.register_module()
class TorchvisionColorJitter(BaseTransform):
    """torchvision ``ColorJitter`` on ``results['img']`` (BGR uint8, H x W x 3).

    Random numbers come from torch's generator (as in torchvision). Wrap it in
    ``RandomApply`` to apply it with a probability.

    Args:
        brightness (float | tuple[float]): As torchvision. Defaults to 0.
        contrast (float | tuple[float]): As torchvision. Defaults to 0.
        saturation (float | tuple[float]): As torchvision. Defaults to 0.
        hue (float | tuple[float]): As torchvision (within [-0.5, 0.5]). Defaults to 0.

    Example::

        train_pipeline = [dict(type='LoadImageFromFile'),
                          dict(type='RandomApply', prob=0.3, transforms=[
                              dict(type='TorchvisionColorJitter', brightness=0.1,
                                   contrast=0.1, saturation=0.1, hue=0.1)]),
                          dict(type='PackDetInputs')]
    """

    def __init__(self, brightness=0., contrast=0., saturation=0., hue=0.) -> None:
        self.jitter = ColorJitter(brightness=brightness, contrast=contrast,
                                  saturation=saturation, hue=hue)

    def transform(self, results: dict) -> dict:
        img = results['img']
        if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
            raise ValueError(f'TorchvisionColorJitter needs a BGR uint8 H x W x 3 image, got '
                             f'{img.dtype} {img.shape}')
        rgb = Image.fromarray(np.ascontiguousarray(img[..., ::-1]))
        results['img'] = np.ascontiguousarray(np.asarray(self.jitter(rgb))[..., ::-1])
        return results

    def __repr__(self) -> str:
        return f'{type(self).__name__}({self.jitter!r})'
