"""RoI max pooling that runs on CPU as well as GPU: torchvision's ``roi_pool`` in mmdet's
RoI extractor.

mmcv 2.1's ``RoIPool`` has no CPU kernel, and mmdet's ``BaseRoIExtractor`` only
builds RoI layers found in ``mmcv.ops``. :class:`TorchvisionRoIPool` is
torchvision's ``RoIPool`` (also the op the bubbliiing Faster R-CNN of reports
000/001 used, so its rounding is the original's) registered as a model, and
:class:`RegisteredLayerRoIExtractor` is mmdet's ``SingleRoIExtractor`` that
builds its ``roi_layer`` from the model registry (falling back to ``mmcv.ops``
for the stock names such as ``RoIAlign``).
"""
from mmdet.models.roi_heads.roi_extractors import SingleRoIExtractor
from mmdet.registry import MODELS
from torch import nn
from torch.nn.modules.utils import _pair
from torchvision.ops import RoIPool


@MODELS.register_module()
class TorchvisionRoIPool(RoIPool):
    """torchvision's RoI max pooling with mmcv's constructor arguments.

    RoI corners are scaled by ``spatial_scale`` and rounded; the RoI spans
    ``round(x2) - round(x1) + 1`` cells, split into ``output_size`` bins
    (``floor``/``ceil`` edges, so neighbouring bins may share a cell); each bin
    takes its maximum (0 for an empty bin).

    Args:
        output_size (int | tuple[int, int]): Pooled height and width.
        spatial_scale (float): Feature-map size over input size (1/stride);
            the extractor passes ``1 / featmap_stride``.

    Example::

        roi_layer = dict(type='TorchvisionRoIPool', output_size=14)
    """

    def __init__(self, output_size, spatial_scale: float = 1.0):
        # a tuple, as mmdet's extractors read ``*output_size``
        super().__init__(_pair(output_size), spatial_scale)


@MODELS.register_module()
class RegisteredLayerRoIExtractor(SingleRoIExtractor):
    """``SingleRoIExtractor`` whose ``roi_layer`` may be any registered model.

    Args:
        roi_layer (dict): The RoI layer: a type registered in mmdet's
            ``MODELS`` (e.g. ``TorchvisionRoIPool``) or in ``mmcv.ops``; it
            receives ``spatial_scale=1 / stride`` for each feature level.
        out_channels (int): Channels of the input (and pooled) features.
        featmap_strides (list[int]): Stride of each feature level.
        **kwargs: ``SingleRoIExtractor``'s other arguments (``finest_scale``,
            ``init_cfg``).

    Example::

        bbox_roi_extractor = dict(
            type='RegisteredLayerRoIExtractor',
            roi_layer=dict(type='TorchvisionRoIPool', output_size=14),
            out_channels=1024, featmap_strides=[16])
    """

    def build_roi_layers(self, layer_cfg, featmap_strides) -> nn.ModuleList:
        cfg = dict(layer_cfg)
        layer_cls = MODELS.get(cfg['type']) if isinstance(cfg['type'], str) else None
        if layer_cls is None:  # an mmcv.ops name or a class: mmdet's own lookup
            return super().build_roi_layers(layer_cfg, featmap_strides)
        cfg.pop('type')
        return nn.ModuleList(layer_cls(spatial_scale=1 / s, **cfg) for s in featmap_strides)
