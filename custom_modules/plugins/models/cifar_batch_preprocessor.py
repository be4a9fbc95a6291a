"""Per-image CIFAR augmentation done on whole batches, on the model's device.

mmpretrain's stock CIFAR path runs RandomCrop(padding=4) and RandomFlip on
each image in the dataloader workers (numpy, one image at a time). Here the
dataset only packs the uint8 images; in training this preprocessor pads the
stacked batch with zeros, takes a random 32x32 crop per image, flips each
image with probability 0.5 (all vectorised, on the GPU when there is one),
optionally upsamples the batch (bilinear, training and testing alike, e.g.
32 -> 224 for ImageNet-layout backbones), then hands over to
``ClsDataPreprocessor`` for normalisation and the batch augmentations
(Mixup / CutMix / Cutout).
"""
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


@MODELS.register_module()
class CIFARBatchPreprocessor(ClsDataPreprocessor):
    """``ClsDataPreprocessor`` plus batched random crop (zero padding) and flip in
    training, and an optional bilinear resize to ``resize_to`` pixels.

    Args:
        crop_padding (int): Zero padding of the random crop (0: no crop).
            Defaults to 4.
        flip_prob (float): Probability of a horizontal flip. Defaults to 0.5.
        resize_to (int, optional): Resize the batch to this side (e.g. 224).
            Defaults to None.
        non_blocking (bool): Copy batches to the device asynchronously.
            Defaults to True.
        **kwargs: ``ClsDataPreprocessor``'s arguments (``mean``, ``std``,
            ``num_classes``, ``batch_augments``, ...).

    Example::

        data_preprocessor = dict(type='CIFARBatchPreprocessor', num_classes=100,
                                 mean=[129.304, 124.070, 112.434],
                                 std=[68.170, 65.392, 70.418], crop_padding=4)
    """

    def __init__(self, crop_padding: int = 4, flip_prob: float = 0.5,
                 resize_to: Optional[int] = None, non_blocking: bool = True, **kwargs):
        super().__init__(**kwargs)
        self._non_blocking = non_blocking  # async host-to-device copies where possible
        self.crop_padding, self.flip_prob = crop_padding, flip_prob
        self.resize_to = resize_to

    def _pixel_transforms(self, inputs: torch.Tensor, training: bool) -> torch.Tensor:
        """Crop + flip (training only), then the optional resize, on the batch."""
        if training:
            inputs = random_crop_with_padding(inputs, self.crop_padding)
            inputs = random_horizontal_flip(inputs, self.flip_prob)
        if self.resize_to:
            inputs = F.interpolate(inputs.float(), size=(self.resize_to, self.resize_to),
                                   mode='bilinear', align_corners=False)
        return inputs

    def forward(self, data: dict, training: bool = False) -> dict:
        labels = data.pop('gt_labels', None)  # one tensor from cifar_collate
        if labels is not None and training:
            return self._fast_forward(data, labels)
        if training and (self.crop_padding > 0 or self.flip_prob > 0) or self.resize_to:
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
