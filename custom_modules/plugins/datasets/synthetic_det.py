"""Random images with random boxes held in memory: a detection config's input without its data.

For ``tools/benchmark_train.py`` on detection configs: items look like what
mmdet's ``LoadImageFromFile`` leaves (``img``, shapes, ``instances``), so the
config's own training pipeline runs on them from ``LoadAnnotations`` on.
"""
from typing import List, Sequence, Union

import numpy as np
from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from .synthetic import random_images, synthetic_settings


@DATASETS.register_module()
class SyntheticDetDataset(BaseDetDataset):
    """``num_samples`` random RGB images, each with 1–3 random boxes of random classes.

    Stock mmdet datasets read images and annotation files from disk; a throughput
    measurement needs the input shape only, without disk or decoding time.

    Args:
        num_samples (int): Length of the dataset.
        num_classes (int): Box labels are drawn from ``range(num_classes)``.
        image_size (int | Sequence[int]): Side, or (height, width). Defaults to 600.
        pool (int): Distinct images kept in memory (item ``i`` shows ``i % pool``).
            Defaults to 16.
        seed (int): Seed of images and boxes. Defaults to 0.
        **kwargs: ``BaseDetDataset``'s other arguments (``pipeline``, ...).

    Example::

        train_dataloader = dict(dataset=dict(
            type='SyntheticDetDataset', num_samples=64, num_classes=20, image_size=(600, 1000),
            pipeline=[dict(type='LoadAnnotations', with_bbox=True),
                      dict(type='Resize', scale=(1000, 600), keep_ratio=True),
                      dict(type='PackDetInputs')]))
    """

    def __init__(self, num_samples: int, num_classes: int,
                 image_size: Union[int, Sequence[int]] = 600, pool: int = 16, seed: int = 0,
                 **kwargs):
        self.image_size, self.pool, metainfo = synthetic_settings(
            type(self).__name__, num_samples, num_classes, image_size, pool,
            kwargs.pop('metainfo', None))
        self.num_samples, self.num_classes, self.seed = num_samples, num_classes, seed
        super().__init__(ann_file='', metainfo=metainfo, serialize_data=False, **kwargs)

    def load_data_list(self) -> List[dict]:
        rng = np.random.default_rng(self.seed)
        self._images = random_images(self.pool, self.image_size, rng)
        height, width = self.image_size
        data_list = []
        for idx in range(self.num_samples):
            corners = rng.uniform(0, 1, (rng.integers(1, 4), 2, 2)) * (width, height)
            boxes = np.concatenate([corners.min(1), corners.max(1) + 8], 1).clip(
                0, (width, height, width, height))
            data_list.append(dict(img_id=idx, img_path='', height=height, width=width,
                                  instances=[dict(bbox=box.tolist(), ignore_flag=0,
                                                  bbox_label=int(rng.integers(self.num_classes)))
                                             for box in boxes]))
        return data_list

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        image = self._images[idx % self.pool].copy()  # transforms may write in place
        return dict(info, img=image, img_shape=image.shape[:2], ori_shape=image.shape[:2])
