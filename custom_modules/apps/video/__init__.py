"""Video segmentation helpers: threaded frame I/O, overlays and legends, batched inference.

mmseg's ``demo/video_demo.py`` reads, infers, draws and writes one frame at a
time in one thread; these pieces let ``tools/seg_video.py`` decode and encode
in background threads and run the model on batches (optionally multi-scale,
through mmseg's test-time augmentation), and draw overlays, colour-only frames
or two-panel pairs; :class:`VideoOptions` holds the settings of a run.
"""
from .frames import FrameReader, FrameWriter, camvid_sequences, open_frames
from .overlay import (
    CITYSCAPES_CLASSES,
    CITYSCAPES_PALETTE,
    colorize,
    colour_only,
    compose,
    draw_legend,
    overlay,
    stack_rows,
    two_panel,
)
from .pipeline import VideoOptions, segment_sequences, segment_video
from .segmenter import REPORT_SCALES, BatchSegmenter

__all__ = ['FrameReader', 'FrameWriter', 'camvid_sequences', 'open_frames', 'CITYSCAPES_CLASSES',
           'CITYSCAPES_PALETTE', 'colorize', 'colour_only', 'compose', 'draw_legend', 'overlay',
           'stack_rows', 'two_panel', 'REPORT_SCALES', 'BatchSegmenter', 'VideoOptions',
           'segment_sequences', 'segment_video']
