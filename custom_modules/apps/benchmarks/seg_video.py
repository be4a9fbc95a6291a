"""Frames per second of the video pipeline against a per-frame loop like mmseg's video demo.

Both run in this process on the same video and the same model (loaded once,
outside the timing). The reference reads a frame with OpenCV, calls
``mmseg.apis.inference_model``, draws with ``show_result_pyplot(show=False)``
and writes the frame, one at a time in one thread. The measured pipeline is
:func:`custom_modules.apps.video.segment_video`: threaded decoding/encoding,
batched inference, numpy drawing (it draws more: input panel, overlay and legend).
"""
import os.path as osp
import statistics
import tempfile
import time

from custom_modules.errors import UserInputError

from ..run.config import load_config
from ..video import BatchSegmenter, VideoOptions, segment_video
from ..video.segmenter import default_device


def generate_video(path, frames, height, width):
    import cv2
    import numpy as np
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'mp4v'), 10, (width, height))
    rng = np.random.default_rng(0)
    background = rng.integers(0, 255, (height, width, 3), dtype=np.uint8)
    for i in range(frames):
        writer.write(np.roll(background, 4 * i, axis=1))
    writer.release()
    return path


def random_checkpoint(cfg, path):
    """Save a randomly initialised model of ``cfg`` (no pretrained downloads)."""
    import torch
    from mmengine.registry import init_default_scope
    from mmseg.registry import MODELS
    from mmseg.utils import get_classes, get_palette
    cfg = cfg.copy()
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    cfg.model.pretrained = None
    cfg.model.backbone.init_cfg = None
    model = MODELS.build(cfg.model)
    meta = dict(dataset_meta=dict(classes=get_classes('cityscapes'),
                                  palette=get_palette('cityscapes')))
    torch.save(dict(state_dict=model.state_dict(), meta=meta), path)
    return path


def reference_loop(model, video, out, opacity):
    """mmseg demo/video_demo.py's loop (with the BGR/RGB conversions done right)."""
    import cv2
    from mmseg.apis import inference_model, show_result_pyplot
    capture, writer, frames = cv2.VideoCapture(video), None, 0
    start = time.perf_counter()
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        result = inference_model(model, frame)
        drawn = show_result_pyplot(model, frame[..., ::-1], result, opacity=opacity,
                                   show=False, with_labels=False)[..., ::-1]
        if writer is None:
            writer = cv2.VideoWriter(out, cv2.VideoWriter_fourcc(*'mp4v'),
                                     capture.get(cv2.CAP_PROP_FPS), drawn.shape[1::-1])
        writer.write(drawn)
        frames += 1
    writer.release()
    seconds = time.perf_counter() - start
    return dict(frames=frames, seconds=seconds, fps=frames / seconds)

def video_vs_reference(model, video=None, frames=24, size=(128, 256), batch_size=4, repeats=3,
                       device=None, opacity=0.5, amp=False, cfg_options=None):
    """Median FPS of :func:`segment_video` and of :func:`reference_loop`, alternating."""
    import torch
    from mmseg.apis import init_model

    if len(model) > 2:
        raise UserInputError('--model takes CONFIG and at most one CHECKPOINT')
    device = device or default_device()
    tmp = tempfile.mkdtemp(prefix='bench_seg_video_')
    config = load_config(model[0], cfg_options)
    checkpoint = model[1] if len(model) == 2 else random_checkpoint(
        config, osp.join(tmp, 'random.pth'))
    video = video or generate_video(osp.join(tmp, 'video.mp4'), frames, *size)
    ours = BatchSegmenter(config, checkpoint, device=device, amp=amp)
    reference = init_model(config.copy(), checkpoint, device=device)
    print(f'video {video}, model {model[0]}, device {device}, '
          f'{torch.get_num_threads()} torch threads, batch {batch_size}'
          + (', seg_video with --amp' if amp else ''))
    runs = {'seg_video': [], 'reference': []}
    for r in range(repeats):
        for name in (('seg_video', 'reference') if r % 2 == 0 else ('reference', 'seg_video')):
            out = osp.join(tmp, f'{name}.mp4')
            stats = (segment_video(video, out, [ours], VideoOptions(
                opacity=opacity, batch_size=batch_size, progress=False)) if name == 'seg_video'
                     else reference_loop(reference, video, out, opacity))
            runs[name].append(stats['fps'])
            print(f'run {r + 1}/{repeats} {name:>9}: {stats["frames"]} frames, '
                  f'{stats["seconds"]:.2f} s, {stats["fps"]:.2f} FPS')
    ours_fps, ref_fps = (statistics.median(runs[k]) for k in ('seg_video', 'reference'))
    print(f'median FPS: seg_video {ours_fps:.2f}, per-frame reference {ref_fps:.2f}, '
          f'ratio {ours_fps / ref_fps:.2f}x')
    return dict(seg_video=ours_fps, reference=ref_fps, ratio=ours_fps / ref_fps)
