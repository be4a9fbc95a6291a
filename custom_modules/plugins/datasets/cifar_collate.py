"""Collate CIFAR items into a uint8 batch tensor plus light data samples, in one pass.

mmpretrain's path packs every image separately (``PackInputs``: tensor
conversion and a ``DataSample`` with a formatted label per image), which
dominates the cost of CIFAR's tiny images. Here the dataset yields raw
``img``/``gt_label`` items and this function stacks them at once, builds
minimal data samples and passes the labels as one tensor (``gt_labels``) that
``CIFARBatchPreprocessor`` consumes. Items that were already packed by a
pipeline fall back to mmengine's ``pseudo_collate``. ``RawItemsDataset`` is the
base of the datasets that yield such raw items.
"""
import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from mmengine.registry import FUNCTIONS
from mmpretrain.datasets import BaseDataset
from mmpretrain.structures import DataSample


class RawItemsDataset(BaseDataset):
    """A dataset whose items are its raw ``get_data_info`` dicts (``img``, ``gt_label``)
    for :func:`cifar_collate`, unless a per-image pipeline is set (mmengine's path)."""

    def __getitem__(self, idx: int) -> dict:
        if self.pipeline.transforms:
            return super().__getitem__(idx)
        return self.get_data_info(idx)


@FUNCTIONS.register_module()
def cifar_collate(items):
    """Stack raw CIFAR items into ``inputs`` (N, 3, H, W uint8), data samples and labels.

    Args:
        items (list[dict]): The dataset's items (``img`` HWC uint8 and
            ``gt_label``), or items a pipeline already packed.

    Example::

        train_dataloader = dict(collate_fn=dict(type='cifar_collate'),
                                dataset=dict(type='CIFARPickleDataset', pipeline=[]))
    """
    if 'inputs' in items[0]:
        return pseudo_collate(items)
    images = torch.from_numpy(np.stack([item['img'] for item in items]))
    labels = torch.tensor([item['gt_label'] for item in items], dtype=torch.int64)
    samples = []
    for item, label in zip(items, labels.view(-1, 1)):
        sample = DataSample()
        sample.set_field(item.get('sample_idx'), 'sample_idx', field_type='metainfo')
        sample.gt_label = label  # no deepcopy of metainfo, no label re-formatting
        samples.append(sample)
    # an NCHW view of the NHWC block: the copy happens on the model's device
    return dict(inputs=images.permute(0, 3, 1, 2), data_samples=samples, gt_labels=labels)
