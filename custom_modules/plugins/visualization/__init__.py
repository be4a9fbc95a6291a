"""Drawing helpers shared by hooks and tools (proposal/detection panels, detector grids)."""
from .det_panels import (
                         detections_of,
                         draw_boxes,
                         load_detector,
                         predict_images,
                         proposal_panels,
                         rpn_proposals,
                         write_proposal_png,
)

__all__ = ['detections_of', 'draw_boxes', 'load_detector', 'predict_images', 'proposal_panels',
           'rpn_proposals', 'write_proposal_png']
