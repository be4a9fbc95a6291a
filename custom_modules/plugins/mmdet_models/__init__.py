"""Models this repo adds to mmdet: heads that normalise losses per image (as the seeds'
detectors did, :mod:`.per_image_norm`) and a CPU-capable RoIPool layer with its extractor."""
from .per_image_fcos_head import PerImageFCOSHead
from .per_image_norm_bbox_head import PerImageNormBBoxHead
from .per_image_norm_rpn_head import PerImageNormRPNHead
from .roi_pool import RegisteredLayerRoIExtractor, TorchvisionRoIPool

__all__ = ['PerImageFCOSHead', 'PerImageNormBBoxHead', 'PerImageNormRPNHead',
           'RegisteredLayerRoIExtractor', 'TorchvisionRoIPool']
