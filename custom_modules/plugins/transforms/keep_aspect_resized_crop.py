"""Random-resized crop that keeps the crop's aspect ratio and pads to a square.

mmpretrain's ``RandomResizedCrop`` (like torchvision's) stretches the random
crop to the output size. Report 001 (CIFAR-100, ResNeXt-29 vs ViT) instead
rescales the crop *keeping its aspect ratio* so that its longer side fits the
output and pads the rest ("重新缩放（保持长宽比）并填充至32×32"). The crop
parameters are mmpretrain's (= torchvision's: area ~ U(crop_ratio_range) of
the image, log-uniform aspect ratio, ``max_attempts`` tries, central-crop
fallback); only the resize differs: longer side -> ``scale`` (bilinear by
default), the shorter side rounded, then centred constant padding.
"""
import mmcv
import numpy as np
from mmpretrain.datasets.transforms import RandomResizedCrop
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class KeepAspectRandomResizedCrop(RandomResizedCrop):
    """Random crop as ``RandomResizedCrop``, then aspect-keeping resize and centred padding.

    Args:
        scale (int): Side of the square output.
        crop_ratio_range (tuple): Range of the crop's area relative to the
            image. Defaults to (0.08, 1.0).
        aspect_ratio_range (tuple): Range of the crop's width/height.
            Defaults to (3/4, 4/3).
        max_attempts (int): Tries before the central-crop fallback. Defaults to 10.
        interpolation (str): Resize interpolation. Defaults to 'bilinear'.
        backend (str): 'cv2' or 'pillow'. Defaults to 'pillow'.
        pad_val (int | float): Value of the padded pixels (before
            normalisation). Defaults to 0 (black).

    Example::

        train_pipeline = [dict(type='KeepAspectRandomResizedCrop', scale=32,
                               crop_ratio_range=(0.25, 1.0)), dict(type='PackInputs')]
    """

    def __init__(self, scale: int, crop_ratio_range=(0.08, 1.0),
                 aspect_ratio_range=(3. / 4., 4. / 3.), max_attempts: int = 10,
                 interpolation: str = 'bilinear', backend: str = 'pillow', pad_val=0):
        if not isinstance(scale, int):
            raise TypeError(f'scale must be an int (square output), got {scale!r}')
        super().__init__(scale, crop_ratio_range, aspect_ratio_range, max_attempts,
                         interpolation, backend)
        self.pad_val = pad_val

    def transform(self, results: dict) -> dict:
        img = results['img']
        top, left, crop_h, crop_w = self.rand_crop_params(img)
        img = img[top:top + crop_h, left:left + crop_w]
        side = self.scale[0]
        factor = side / max(crop_h, crop_w)
        new_h = min(side, max(1, round(crop_h * factor)))
        new_w = min(side, max(1, round(crop_w * factor)))
        img = mmcv.imresize(np.ascontiguousarray(img), (new_w, new_h),
                            interpolation=self.interpolation, backend=self.backend)
        pad_top, pad_left = (side - new_h) // 2, (side - new_w) // 2
        pad_val = self.pad_val  # cv2 pads only the first channel with a bare number
        if isinstance(pad_val, (tuple, list)):
            pad_val = tuple(pad_val)
        elif img.ndim == 3:
            pad_val = (pad_val, ) * img.shape[2]
        img = mmcv.impad(img, padding=(pad_left, pad_top, side - new_w - pad_left,
                                       side - new_h - pad_top), pad_val=pad_val)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        return results

    def __repr__(self):
        return super().__repr__()[:-1] + f', pad_val={self.pad_val})'
