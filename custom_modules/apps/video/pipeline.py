"""The side-by-side video pipeline behind ``tools/seg_video.py``.

Frames are decoded and encoded (and drawn) in background threads
(:mod:`.frames`) and the models run on batches (:mod:`.segmenter`); each output
frame shows the input next to each model's colour overlay with a legend
(:mod:`.overlay`).
"""
import time

from custom_modules.errors import UserInputError


def segment_video(input_path, out, models, opacity=0.5, batch_size=4, device=None,
                  save_frames=None, fps=30.0, max_frames=None, queue_size=16, progress=True,
                  amp=False, allow_partial=False):
    """Run the side-by-side pipeline; returns frames written, seconds and FPS."""
    from mmengine.utils import ProgressBar

    from .frames import FrameReader, FrameWriter, open_frames
    from .overlay import compose, draw_legend
    from .segmenter import BatchSegmenter
    if not 0 <= opacity <= 1:
        raise UserInputError(f'--opacity must be in [0, 1], got {opacity}')
    if batch_size < 1:
        raise UserInputError(f'--batch-size must be at least 1, got {batch_size}')
    source = open_frames(input_path, fps)
    segmenters = [m if isinstance(m, BatchSegmenter) else BatchSegmenter(
        *m, device=device, amp=amp, allow_partial=allow_partial)
                  for m in models]
    names = [s.name for s in segmenters]
    legends = {}

    def render(item):
        frame, label_maps = item
        width = frame.shape[1] * (1 + len(label_maps))
        if width not in legends:
            legends[width] = draw_legend(width)
        return compose(frame, label_maps, names, opacity, legends[width])

    total = source.count if not max_frames else min(source.count, max_frames)
    bar = ProgressBar(total) if progress else None
    start, done = time.perf_counter(), 0
    reader = FrameReader(source, queue_size)
    writer = FrameWriter(out, source.fps or fps, save_frames, queue_size, render=render)
    try:
        for batch in reader.batches(batch_size):
            if max_frames:
                batch = batch[:max_frames - done]
            predictions = [s.predict(batch) for s in segmenters]
            for i, frame in enumerate(batch):
                writer.write((frame, [p[i] for p in predictions]))
                if bar:
                    bar.update()
            done += len(batch)
            if max_frames and done >= max_frames:
                break
    finally:
        reader.close()
        written = writer.close()
    seconds = time.perf_counter() - start
    return dict(frames=written, seconds=seconds, fps=written / seconds if seconds else 0.0)
