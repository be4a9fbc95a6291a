"""Per-image CIFAR augmentation done on whole batches, on the model's device.

mmpretrain's stock CIFAR path runs RandomCrop(padding=4) and RandomFlip on
each image in the dataloader workers (numpy, one image at a time). Here the
dataset only packs the uint8 images; in training this preprocessor pads the
stacked batch with zeros, takes a random 32x32 crop per image, flips each
image with probability 0.5 and optionally rotates each image by its own
random angle (nearest neighbour, zero fill, as torchvision's
``RandomRotation`` on PIL images; the stock equivalents are per-image numpy
transforms), all vectorised, on the GPU when there is one. It optionally
upsamples the batch (bilinear, training and testing alike, e.g. 32 -> 224 for
ImageNet-layout backbones), then hands over to
``ClsDataPreprocessor`` for normalisation and the batch augmentations
(Mixup / CutMix / Cutout).
"""
import math
from typing import Optional

import torch
import torch.nn.functional as F
from mmpretrain.models import ClsDataPreprocessor
from mmpretrain.registry import MODELS


def random_crop_with_padding(images: torch.Tensor, padding: int) -> torch.Tensor:
    """Zero-pad each (n, c, h, w) image by ``padding`` and crop it back at a random offset."""
    if padding <= 0:
        return images
    n, c, h, w = images.shape
    windows = F.pad(images, (padding,) * 4).unfold(2, h, 1).unfold(3, w, 1)  # n,c,dy,dx,h,w view
    dy = torch.randint(0, 2 * padding + 1, (n, ), device=images.device)
    dx = torch.randint(0, 2 * padding + 1, (n, ), device=images.device)
    return windows[torch.arange(n, device=images.device), :, dy, dx]


def random_horizontal_flip(images: torch.Tensor, prob: float) -> torch.Tensor:
    """Flip each image with probability ``prob`` (no host-device sync)."""
    if prob <= 0:
        return images
    flip = torch.rand(images.shape[0], device=images.device) < prob
    return torch.where(flip[:, None, None, None], images.flip(-1), images)


def draw_angles(n: int, max_degrees: float, device=None) -> torch.Tensor:
    """``n`` angles in degrees, each uniform in [-max_degrees, max_degrees)."""
    return (torch.rand(n, device=device) * 2 - 1) * max_degrees


def rotate_nearest(images: torch.Tensor, degrees: torch.Tensor) -> torch.Tensor:
    """Rotate image i of (n, c, h, w) by ``degrees[i]`` counter-clockwise about its centre.

    Same size, nearest neighbour, zero fill, PIL's ``Image.rotate`` geometry: output
    pixel centre (x + 0.5, y + 0.5) takes the source pixel that contains its
    inverse-rotated position. An index gather (any dtype, no interpolation) into the
    image zero-padded far enough that every source position of any angle lies inside.
    """
    n, c, h, w = images.shape
    pad = math.ceil(math.hypot(h, w) / 2 - min(h, w) / 2) + 1
    theta = torch.deg2rad(degrees.float()).view(n, 1, 1)
    cos, sin = theta.cos(), theta.sin()
    dy = (torch.arange(h, device=images.device, dtype=torch.float32) - (h - 1) / 2).view(1, h, 1)
    dx = (torch.arange(w, device=images.device, dtype=torch.float32) - (w - 1) / 2).view(1, 1, w)
    src_x = (cos * dx - sin * dy).add_(w / 2 + pad).floor_()  # (n, h, w) in the padded image
    src_y = (sin * dx + cos * dy).add_(h / 2 + pad).floor_()
    index = src_y.mul_(w + 2 * pad).add_(src_x).long().view(n, 1, h * w)
    padded = F.pad(images, (pad, ) * 4).view(n, c, -1)
    return padded.gather(2, index.expand(n, c, h * w)).view(n, c, h, w)


def random_rotation(images: torch.Tensor, max_degrees: float) -> torch.Tensor:
    """Rotate each image by its own angle ~ U(-max_degrees, max_degrees) (see
    :func:`rotate_nearest`)."""
    if max_degrees <= 0:
        return images
    return rotate_nearest(images, draw_angles(images.shape[0], max_degrees, images.device))


@MODELS.register_module()
class CIFARBatchPreprocessor(ClsDataPreprocessor):
    """``ClsDataPreprocessor`` plus batched random crop (zero padding), flip and
    rotation in training (in this order), and an optional bilinear resize to
    ``resize_to`` pixels.

    Args:
        crop_padding (int): Zero padding of the random crop (0: no crop).
            Defaults to 4.
        flip_prob (float): Probability of a horizontal flip. Defaults to 0.5.
        rotate_degrees (float): Rotate each training image by its own angle
            ~ U(-rotate_degrees, rotate_degrees) after crop and flip (nearest,
            zero fill, same size; 0: no rotation). Defaults to 0.
        resize_to (int, optional): Resize the batch to this side (e.g. 224).
            Defaults to None.
        non_blocking (bool): Copy batches to the device asynchronously.
            Defaults to True.
        **kwargs: ``ClsDataPreprocessor``'s arguments (``mean``, ``std``,
            ``num_classes``, ``batch_augments``, ...).

    Example::

        data_preprocessor = dict(type='CIFARBatchPreprocessor', num_classes=100,
                                 mean=[129.304, 124.070, 112.434],
                                 std=[68.170, 65.392, 70.418], crop_padding=4,
                                 rotate_degrees=15)
    """

    def __init__(self, crop_padding: int = 4, flip_prob: float = 0.5,
                 rotate_degrees: float = 0, resize_to: Optional[int] = None,
                 non_blocking: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._non_blocking = non_blocking  # async host-to-device copies where possible
        self.crop_padding, self.flip_prob = crop_padding, flip_prob
        self.rotate_degrees = rotate_degrees
        self.resize_to = resize_to

    def _pixel_transforms(self, inputs: torch.Tensor, training: bool) -> torch.Tensor:
        """Crop + flip + rotation (training only), then the optional resize, on the batch."""
        if training:
            inputs = random_crop_with_padding(inputs, self.crop_padding)
            inputs = random_horizontal_flip(inputs, self.flip_prob)
            inputs = random_rotation(inputs, self.rotate_degrees)
        if self.resize_to:
            inputs = F.interpolate(inputs.float(), size=(self.resize_to, self.resize_to),
                                   mode='bilinear', align_corners=False)
        return inputs

    def forward(self, data: dict, training: bool = False) -> dict:
        labels = data.pop('gt_labels', None)  # one tensor from cifar_collate
        if labels is not None and training:
            return self._fast_forward(data, labels)
        augments = self.crop_padding > 0 or self.flip_prob > 0 or self.rotate_degrees > 0
        if training and augments or self.resize_to:
            inputs = self.cast_data(data['inputs'])
            if not isinstance(inputs, torch.Tensor):
                inputs = torch.stack(inputs)
            data = dict(data, inputs=self._pixel_transforms(inputs, training))
        return super().forward(data, training)

    def _fast_forward(self, data: dict, labels: torch.Tensor) -> dict:
        """Training on ``cifar_collate`` batches: no per-sample label round trips."""
        inputs = self._pixel_transforms(self.cast_data(data['inputs']), training=True)
        if self.to_rgb:
            inputs = inputs.flip(1)
        inputs = inputs.float().sub_(self.mean).div_(self.std)
        samples = data['data_samples']
        if self.batch_augments is not None:
            # one-hot on the host: on a GPU, one_hot's range check would sync every batch
            scores = F.one_hot(labels, self.num_classes).float().to(inputs.device)
            inputs, scores = self.batch_augments(inputs, scores)
            for sample, score in zip(samples, scores):
                sample.gt_score = score
        else:
            for sample, label in zip(samples, labels.to(inputs.device).view(-1, 1)):
                sample.gt_label = label
        return dict(inputs=inputs, data_samples=samples)
