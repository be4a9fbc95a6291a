"""Random uint8 images and labels held in memory: a config's input shape without its data.

For throughput measurements and smoke runs: the items look like
``CIFARPickleDataset``'s (``img`` HWC uint8, ``gt_label``), so they go through
``cifar_collate`` as they are, or through a per-image pipeline without its
loading step.
"""
from typing import List, Sequence, Union

import numpy as np
from mmengine.dataset.base_dataset import force_full_init
from mmpretrain.datasets import BaseDataset
from mmpretrain.registry import DATASETS

from custom_modules.errors import DataError


def random_images(count: int, size: Sequence[int], rng: np.random.Generator) -> np.ndarray:
    """``count`` read-only random uint8 RGB images of ``size`` (height, width), HWC."""
    images = rng.integers(0, 256, (count, *size, 3), dtype=np.uint8)
    images.setflags(write=False)
    return images


@DATASETS.register_module()
class SyntheticImageDataset(BaseDataset):
    """``num_samples`` random RGB images of ``image_size`` with random labels (seeded).

    Only ``pool`` distinct images are kept in memory; item ``i`` shows image
    ``i % pool``.

    Args:
        num_samples (int): Length of the dataset.
        num_classes (int): Labels are drawn from ``range(num_classes)``; the
            classes are named ``class0``, ``class1``, ...
        image_size (int | Sequence[int]): Side, or (height, width). Defaults to 32.
        pool (int): Distinct images kept in memory. Defaults to 256.
        seed (int): Seed of the images and labels. Defaults to 0.
        **kwargs: ``BaseDataset``'s other arguments (``pipeline``, ``test_mode``, ...).

    Example::

        train_dataloader = dict(
            collate_fn=dict(type='cifar_collate'),
            dataset=dict(type='SyntheticImageDataset', num_samples=1280,
                         num_classes=100, image_size=32, pipeline=[]))
    """

    def __init__(self, num_samples: int, num_classes: int,
                 image_size: Union[int, Sequence[int]] = 32, pool: int = 256,
                 seed: int = 0, **kwargs):
        if num_samples < 1 or num_classes < 1 or pool < 1:
            raise DataError(f'SyntheticImageDataset needs num_samples, num_classes and pool '
                            f'>= 1, got {num_samples}, {num_classes}, {pool}')
        size = (image_size, image_size) if isinstance(image_size, int) else tuple(image_size)
        self.num_samples, self.num_classes, self.image_size = num_samples, num_classes, size
        self.pool, self.seed = min(pool, num_samples), seed
        kwargs['serialize_data'] = False  # items are tiny dicts over one shared array
        metainfo = dict(kwargs.pop('metainfo', None) or {})
        metainfo.setdefault('classes', tuple(f'class{c}' for c in range(num_classes)))
        super().__init__(ann_file='', metainfo=metainfo, **kwargs)

    def load_data_list(self) -> List[dict]:
        rng = np.random.default_rng(self.seed)
        self._images = random_images(self.pool, self.image_size, rng)
        labels = rng.integers(0, self.num_classes, self.num_samples)
        return [dict(gt_label=int(label)) for label in labels]

    def __getitem__(self, idx: int) -> dict:
        if self.pipeline.transforms:  # a per-image pipeline: mmengine's path
            return super().__getitem__(idx)
        return self.get_data_info(idx)  # raw items for cifar_collate

    @force_full_init
    def get_data_info(self, idx: int) -> dict:
        image = self._images[idx % self.pool]
        if self.pipeline.transforms:
            image = image.copy()  # per-image transforms may write in place
        return dict(img=image, gt_label=self.data_list[idx]['gt_label'], sample_idx=idx,
                    img_shape=image.shape[:2], ori_shape=image.shape[:2])
