"""Random images with random label maps held in memory: a segmentation config's input without
its data.

For ``tools/benchmark_train.py`` on segmentation configs: items look like what
mmseg's loading steps leave (``img``, ``gt_seg_map``), so the config's own
training pipeline runs on them after its ``Load*`` steps.
"""
from typing import List, Sequence, Union

import numpy as np
from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .synthetic import random_images, synthetic_settings


@DATASETS.register_module()
class SyntheticSegDataset(BaseSegDataset):
    """``num_samples`` random RGB images with random per-pixel labels (rectangles of classes).

    Stock mmseg datasets read images and label maps from disk; a throughput
    measurement needs the input shape only, without disk or decoding time.

    Args:
        num_samples (int): Length of the dataset.
        num_classes (int): Labels are drawn from ``range(num_classes)``.
        image_size (int | Sequence[int]): Side, or (height, width). Defaults to 512.
        pool (int): Distinct images and maps kept in memory (item ``i`` shows ``i % pool``).
            Defaults to 8.
        seed (int): Seed. Defaults to 0.
        **kwargs: ``BaseSegDataset``'s other arguments (``pipeline``, ...).

    Example::

        train_dataloader = dict(dataset=dict(
            type='SyntheticSegDataset', num_samples=32, num_classes=19, image_size=(512, 1024),
            pipeline=[dict(type='RandomCrop', crop_size=(512, 512)),
                      dict(type='PackSegInputs')]))
    """

    def __init__(self, num_samples: int, num_classes: int,
                 image_size: Union[int, Sequence[int]] = 512, pool: int = 8, seed: int = 0,
                 **kwargs):
        self.image_size, self.pool, metainfo = synthetic_settings(
            type(self).__name__, num_samples, num_classes, image_size, pool,
            kwargs.pop('metainfo', None))
        self.num_samples, self.seed = num_samples, seed
        metainfo.setdefault('palette', [[c % 256, c * 7 % 256, c * 13 % 256]
                                        for c in range(num_classes)])
        super().__init__(ann_file='', metainfo=metainfo, serialize_data=False,
                         lazy_init=True, **kwargs)
        self.full_init()

    def load_data_list(self) -> List[dict]:
        rng = np.random.default_rng(self.seed)
        self._images = random_images(self.pool, self.image_size, rng)
        height, width = self.image_size
        maps = np.empty((self.pool, height, width), np.uint8)
        for m in maps:
            m[:] = rng.integers(len(self.metainfo['classes']))
            y, x = rng.integers(0, height // 2), rng.integers(0, width // 2)
            m[y:y + height // 2, x:x + width // 2] = rng.integers(len(self.metainfo['classes']))
        self._maps = maps
        return [dict(img_path='', seg_map_path='', seg_fields=[], reduce_zero_label=False,
                     sample_idx=idx) for idx in range(self.num_samples)]

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        image = self._images[idx % self.pool].copy()  # transforms may write in place
        return dict(info, img=image, img_shape=image.shape[:2], ori_shape=image.shape[:2],
                    gt_seg_map=self._maps[idx % self.pool].copy(), seg_fields=['gt_seg_map'])
