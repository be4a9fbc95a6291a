"""Cutout as a batch augmentation: one k x k square per image set to 0.

mmpretrain's ``Cutout`` is a per-image transform in the data pipeline (CPU,
one image at a time). This one works on the normalised batch tensor on its
device, inside ``batch_augments``, as in DeVries & Taylor: the square's
centre is uniform over the image and the square is clipped at the border.
Labels are unchanged.
"""
import torch
from mmpretrain.registry import BATCH_AUGMENTS


@BATCH_AUGMENTS.register_module()
class BatchCutout:
    """Zero one ``size`` x ``size`` square per image of the batch.

    Args:
        size (int): Side of the square in pixels. Defaults to 8.

    Example::

        model = dict(train_cfg=dict(augments=dict(type='BatchCutout', size=8)))
    """

    def __init__(self, size: int = 8):
        self.size = size

    def mask(self, n: int, h: int, w: int, device=None) -> torch.Tensor:
        """Boolean (n, 1, h, w) mask, True inside each image's square."""
        cy = torch.randint(0, h, (n, 1), device=device)
        cx = torch.randint(0, w, (n, 1), device=device)
        top, left = cy - self.size // 2, cx - self.size // 2
        rows = torch.arange(h, device=device)
        cols = torch.arange(w, device=device)
        in_rows = (rows >= top) & (rows < top + self.size)    # (n, h)
        in_cols = (cols >= left) & (cols < left + self.size)  # (n, w)
        return (in_rows[:, :, None] & in_cols[:, None, :])[:, None]

    def __call__(self, inputs: torch.Tensor, batch_score: torch.Tensor):
        n, _, h, w = inputs.shape
        # scores stay as they are, but as floats like every mixed score (the loss needs them)
        return inputs.masked_fill(self.mask(n, h, w, inputs.device), 0), batch_score.float()
