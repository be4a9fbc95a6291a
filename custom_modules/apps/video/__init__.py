"""Video segmentation helpers: threaded frame I/O, overlays and legends, batched inference.

mmseg's ``demo/video_demo.py`` reads, infers, draws and writes one frame at a
time in one thread; these pieces let ``tools/seg_video.py`` decode and encode
in background threads and run the model on batches.
"""
from .frames import FrameReader, FrameWriter, open_frames
from .overlay import CITYSCAPES_CLASSES, CITYSCAPES_PALETTE, colorize, compose, draw_legend, overlay
from .pipeline import segment_video
from .segmenter import BatchSegmenter

__all__ = ['FrameReader', 'FrameWriter', 'open_frames', 'CITYSCAPES_CLASSES',
           'CITYSCAPES_PALETTE', 'colorize', 'compose', 'draw_legend', 'overlay',
           'BatchSegmenter', 'segment_video']
