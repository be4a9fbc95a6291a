"""Per-image loss normalisation shared by the positive-count-normalised detection heads."""
import torch
from torch import Tensor


def per_image_weights(image_index: Tensor, counted: Tensor, num_images: int) -> Tensor:
    """For each element, ``1 / (num_images * max(1, n_i))`` where ``n_i`` is the number of
    ``counted`` elements of its image ``i = image_index``.

    Weighting element losses by this and summing gives the per-image loss normalised by the
    image's own count (e.g. its positive anchors), then averaged over the images.
    """
    counts = torch.zeros(num_images, device=image_index.device)
    counts.index_add_(0, image_index, counted.float())
    return 1.0 / (num_images * counts.clamp(min=1))[image_index]
