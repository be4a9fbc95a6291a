"""The video pipeline behind ``tools/seg_video.py``.

Frames are decoded and encoded (and drawn) in background threads
(:mod:`.frames`) and the models run on batches (:mod:`.segmenter`). Layouts
(:mod:`.overlay`): ``overlay`` (the input next to each model's colour overlay,
legend below), ``colour`` (one model's colour segmentation alone) and ``pair``
(``original | model`` or ``model A | model B``). A flat CamVid folder can be
split into one video per sequence, and chosen output frames stacked into one
figure.
"""
import os.path as osp
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from custom_modules.errors import UserInputError

LAYOUTS = ('overlay', 'colour', 'pair')


@dataclass
class VideoOptions:
    """How ``tools/seg_video.py`` segments a video (its flags).

    ``layout``: ``overlay``, ``colour`` or ``pair``; ``opacity``: of the colour overlay;
    ``batch_size``: frames per model call; ``fps``: frame rate of a folder of frames;
    ``max_frames``: stop after this many frames (per video); ``queue_size``: frames the
    reader and writer threads buffer; ``progress``: show a progress bar. The models:
    ``device``, ``amp``, ``allow_partial`` (a checkpoint that does not fit exactly),
    ``scales`` (multi-scale inference) or ``tta`` (the config's test-time augmentation).
    """
    layout: str = 'overlay'
    opacity: float = 0.5
    batch_size: int = 4
    fps: float = 30.0
    max_frames: Optional[int] = None
    queue_size: int = 16
    progress: bool = True
    device: Optional[str] = None
    amp: bool = False
    allow_partial: bool = False
    scales: Optional[Sequence[float]] = None
    tta: bool = False

    def check(self, models: int) -> None:
        """Refuse values no run can use, for ``models`` models."""
        if not 0 <= self.opacity <= 1:
            raise UserInputError(f'--opacity must be in [0, 1], got {self.opacity}')
        if self.batch_size < 1:
            raise UserInputError(f'--batch-size must be at least 1, got {self.batch_size}')
        check_layout(self.layout, models)


def check_layout(layout, models):
    if layout not in LAYOUTS:
        raise UserInputError(f'layout must be one of {", ".join(LAYOUTS)}, got {layout!r}')
    if layout == 'colour' and models != 1:
        raise UserInputError(f'the colour layout shows one model, got {models} --model')
    if layout == 'pair' and models not in (1, 2):
        raise UserInputError(f'the pair layout shows one or two models, got {models} --model')


def _renderer(layout, names, opacity):
    from .overlay import colour_only, compose, draw_legend, two_panel
    if layout == 'colour':
        return colour_only
    if layout == 'pair':
        return two_panel
    legends = {}

    def render(frame, label_maps):
        width = frame.shape[1] * (1 + len(label_maps))
        if width not in legends:
            legends[width] = draw_legend(width)
        return compose(frame, label_maps, names, opacity, legends[width])
    return render


class FigureRows:
    """Keeps the output frames at ``positions`` (0-based, counted over every video of a
    run, in order) and writes them stacked into one PNG."""

    def __init__(self, positions):
        self.positions, self.rows, self.seen = sorted(set(positions)), {}, 0

    def offer(self, image):
        if self.seen in self.positions:
            self.rows[self.seen] = image.copy()
        self.seen += 1

    def write(self, path):
        import os

        import cv2

        from custom_modules.plugins.engine.atomic_files import atomic_path

        from .overlay import stack_rows
        missing = [p for p in self.positions if p not in self.rows]
        if missing:
            raise UserInputError(f'figure frames {missing} are past the last frame '
                                 f'({self.seen} frames)')
        os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
        with atomic_path(path) as tmp:
            if not cv2.imwrite(tmp, stack_rows([self.rows[p] for p in self.positions])):
                raise UserInputError(f'{path}: cannot write the figure (use .png or .jpg)')
        return path


def evenly_spaced(total, count=4):
    """``count`` frame positions spread evenly over ``total`` frames (first and last included)."""
    if total <= count:
        return list(range(total))
    return [round(i * (total - 1) / (count - 1)) for i in range(count)]


def segment_video(input_path, out, models, options: Optional[VideoOptions] = None,
                  save_frames=None, files=None, figure=None):
    """Run the pipeline on one video or folder of frames (``files``: only these frames of
    the folder; ``save_frames``: also write each output frame as a PNG there); returns
    frames written, seconds and FPS. ``models``: ``(config, checkpoint)`` pairs or
    :class:`.BatchSegmenter` objects; ``figure``: a :class:`FigureRows` offered every
    output frame."""
    from mmengine.utils import ProgressBar

    from .frames import FrameReader, FrameWriter, open_frames
    options = options or VideoOptions()
    options.check(len(models))
    source = open_frames(input_path, options.fps, files)
    segmenters = build_segmenters(models, options)
    draw = _renderer(options.layout, [s.name for s in segmenters], options.opacity)

    def render(item):
        image = draw(*item)
        if figure is not None:
            figure.offer(image)
        return image

    max_frames = options.max_frames
    total = source.count if not max_frames else min(source.count, max_frames)
    bar = ProgressBar(total) if options.progress else None
    start, done = time.perf_counter(), 0
    reader = FrameReader(source, options.queue_size)
    writer = FrameWriter(out, source.fps or options.fps, save_frames, options.queue_size,
                         render=render)
    try:
        for batch in reader.batches(options.batch_size):
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


def build_segmenters(models, options: Optional[VideoOptions] = None):
    """:class:`.BatchSegmenter` objects for ``(config, checkpoint)`` pairs (kept as they are
    when already built)."""
    from .segmenter import BatchSegmenter
    options = options or VideoOptions()
    return [m if isinstance(m, BatchSegmenter) else BatchSegmenter(
        *m, device=options.device, amp=options.amp, allow_partial=options.allow_partial,
        scales=options.scales, tta=options.tta) for m in models]


def segment_sequences(folder, out_dir, models, options: Optional[VideoOptions] = None,
                      save_frames=None, figure=None, figure_frames=None):
    """One video per CamVid sequence of a flat folder (``out_dir/<sequence>.mp4``; PNGs
    in ``save_frames/<sequence>/``); models are loaded once. Returns per-sequence stats."""
    from .frames import camvid_sequences
    options = options or VideoOptions()
    check_layout(options.layout, len(models))
    groups = camvid_sequences(folder)
    models = build_segmenters(models, options)
    rows = _figure_rows(figure, figure_frames, sum(len(files) for files in groups.values()))
    stats = {}
    for name, files in groups.items():
        print(f'{name}: {len(files)} frames')
        stats[name] = segment_video(
            folder, osp.join(out_dir, f'{name}.mp4'), models, options, files=files, figure=rows,
            save_frames=osp.join(save_frames, name) if save_frames else None)
        print()
    if rows is not None:
        rows.write(figure)
    return stats


def _figure_rows(figure, positions, total):
    if figure is None:
        return None
    if positions is not None and (not positions or min(positions) < 0):
        raise UserInputError(f'figure frames must be positions >= 0, got {positions}')
    if positions is not None and max(positions) >= total:
        raise UserInputError(f'figure frames {[p for p in positions if p >= total]} are past '
                             f'the last frame ({total} frames)')
    return FigureRows(evenly_spaced(total) if positions is None else positions)


def segment_one(input_path, out, models, options: Optional[VideoOptions] = None,
                save_frames=None, figure=None, figure_frames=None):
    """:func:`segment_video` on one input, plus the figure of chosen output frames."""
    from .frames import open_frames
    options = options or VideoOptions()
    rows = None
    if figure is not None:
        count = open_frames(input_path, options.fps).count
        if options.max_frames:
            count = min(count, options.max_frames)
        rows = _figure_rows(figure, figure_frames, count)
    stats = segment_video(input_path, out, models, options, save_frames, figure=rows)
    if rows is not None:
        rows.write(figure)
    return stats
