"""Drawing helpers shared by hooks and tools (proposal/detection panels)."""
from .det_panels import (
                         detections_of,
                         draw_boxes,
                         predict_with_proposals,
                         proposal_panels,
                         rpn_proposals,
                         write_proposal_png,
)

__all__ = ['detections_of', 'draw_boxes', 'predict_with_proposals', 'proposal_panels',
           'rpn_proposals', 'write_proposal_png']
