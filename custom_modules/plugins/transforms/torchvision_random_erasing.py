"""Random erasing with torchvision's rectangle sampling and an exact constant fill.

mmpretrain's ``RandomErasing`` always erases one rectangle (a draw larger than
the image is clamped to it, its offset never reaches the last position) and
writes the fill into the uint8 image (127.5 becomes 127). torchvision's
``RandomErasing``, which report 001 used after normalising to mean/std 0.5
with value 0, draws up to 10 rectangles and erases nothing when none fits
strictly inside the image. This subclass samples like torchvision and fills
``fill_color`` exactly: the image is returned as float32 (erased or not, so
every image of a batch has one dtype), e.g. 127.5 = 0 after a (x - 127.5) /
127.5 data preprocessor.
"""
import math

import numpy as np
from mmcv.transforms.utils import cache_randomness
from mmpretrain.datasets.transforms import RandomErasing
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class TorchvisionRandomErasing(RandomErasing):
    """torchvision-style random erasing (``max_attempts`` draws or none), constant fill.

    Args:
        erase_prob (float): Probability of erasing an image. Defaults to 0.5.
        min_area_ratio (float): Minimum erased area / image area. Defaults to 0.02.
        max_area_ratio (float): Maximum erased area / image area. Defaults to 0.33.
        aspect_range (tuple): Range of the rectangle's height/width, sampled
            log-uniformly. Defaults to (0.3, 3.3).
        fill_color (float | Sequence[float]): Fill value per channel, in the
            image's pixel scale (before normalisation). Defaults to 127.5.
        max_attempts (int): Draws before giving up. Defaults to 10.

    Example::

        train_pipeline = [dict(type='TorchvisionRandomErasing', erase_prob=0.25,
                               fill_color=127.5), dict(type='PackInputs')]
    """

    def __init__(self, erase_prob=0.5, min_area_ratio=0.02, max_area_ratio=0.33,
                 aspect_range=(0.3, 3.3), fill_color=127.5, max_attempts: int = 10):
        super().__init__(erase_prob=erase_prob, min_area_ratio=min_area_ratio,
                         max_area_ratio=max_area_ratio,
                         aspect_range=tuple(float(a) for a in aspect_range),
                         mode='const', fill_color=fill_color)
        self.max_attempts = max_attempts

    @cache_randomness
    def random_patch(self, img_h, img_w):
        """``(top, left, h, w)`` of the rectangle to erase, or None."""
        log_ratio = (math.log(self.aspect_range[0]), math.log(self.aspect_range[1]))
        for _ in range(self.max_attempts):
            area = img_h * img_w * np.random.uniform(self.min_area_ratio, self.max_area_ratio)
            ratio = math.exp(np.random.uniform(*log_ratio))
            h = int(round(math.sqrt(area * ratio)))
            w = int(round(math.sqrt(area / ratio)))
            if h < img_h and w < img_w:
                return (np.random.randint(0, img_h - h + 1),
                        np.random.randint(0, img_w - w + 1), h, w)
        return None

    def transform(self, results):
        img = results['img'].astype(np.float32)
        if not self.random_disable():
            patch = self.random_patch(*img.shape[:2])
            if patch is not None:
                top, left, h, w = patch
                img[top:top + h, left:left + w] = np.asarray(self.fill_color, np.float32)
        results['img'] = img
        return results
