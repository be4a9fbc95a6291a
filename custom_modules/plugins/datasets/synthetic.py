"""Random uint8 images and labels held in memory: a config's input shape without its data.

For throughput measurements and smoke runs: the items look like
``CIFARPickleDataset``'s (``img`` HWC uint8, ``gt_label``), so they go through
``cifar_collate`` as they are, or through a per-image pipeline without its
loading step.
"""
from typing import List, Optional, Sequence, Tuple, Union

import numpy as np
from mmengine.dataset.base_dataset import force_full_init
from mmpretrain.registry import DATASETS

from custom_modules.errors import DataError

from .cifar_collate import RawItemsDataset


def synthetic_settings(name: str, num_samples: int, num_classes: int,
                       image_size: Union[int, Sequence[int]], pool: int,
                       metainfo: Optional[dict]) -> Tuple[Tuple[int, int], int, dict]:
    """Checked settings of the synthetic datasets: ``(height, width)``, how many distinct
    images to keep (at most ``num_samples``) and the metainfo with default class names."""
    if num_samples < 1 or num_classes < 1 or pool < 1:
        raise DataError(f'{name} needs num_samples, num_classes and pool >= 1, got '
                        f'{num_samples}, {num_classes}, {pool}')
    size = (image_size, image_size) if isinstance(image_size, int) else tuple(image_size)
    metainfo = dict(metainfo or {})
    metainfo.setdefault('classes', tuple(f'class{c}' for c in range(num_classes)))
    return size, min(pool, num_samples), metainfo


def random_images(count: int, size: Sequence[int], rng: np.random.Generator) -> np.ndarray:
    """``count`` read-only random uint8 RGB images of ``size`` (height, width), HWC."""
    images = rng.integers(0, 256, (count, *size, 3), dtype=np.uint8)
    images.setflags(write=False)
    return images


@DATASETS.register_module()
class SyntheticImageDataset(RawItemsDataset):
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
        self.image_size, self.pool, metainfo = synthetic_settings(
            type(self).__name__, num_samples, num_classes, image_size, pool,
            kwargs.pop('metainfo', None))
        self.num_samples, self.num_classes, self.seed = num_samples, num_classes, seed
        kwargs['serialize_data'] = False  # items are tiny dicts over one shared array
        super().__init__(ann_file='', metainfo=metainfo, **kwargs)

    def load_data_list(self) -> List[dict]:
        rng = np.random.default_rng(self.seed)
        self._images = random_images(self.pool, self.image_size, rng)
        labels = rng.integers(0, self.num_classes, self.num_samples)
        return [dict(gt_label=int(label)) for label in labels]

    @force_full_init
    def get_data_info(self, idx: int) -> dict:
        image = self._images[idx % self.pool]
        if self.pipeline.transforms:
            image = image.copy()  # per-image transforms may write in place
        return dict(img=image, gt_label=self.data_list[idx]['gt_label'], sample_idx=idx,
                    img_shape=image.shape[:2], ori_shape=image.shape[:2])
