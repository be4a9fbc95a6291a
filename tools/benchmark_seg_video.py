"""Frames per second of tools/seg_video.py against a per-frame loop like mmseg's demo/video_demo.py.

Both run in this process on the same video and the same model (loaded once,
outside the timing). The reference reads a frame with OpenCV, calls
``mmseg.apis.inference_model``, draws with ``show_result_pyplot(show=False)``
and writes the frame, one at a time in one thread. The measured pipeline is
``tools/seg_video.py``'s: threaded decoding/encoding, batched inference,
numpy drawing (it draws more: input panel, overlay and legend).

    python tools/benchmark_seg_video.py --model CONFIG [CHECKPOINT] [--video drive.mp4]

Without a checkpoint the model is randomly initialised (speed only); without
a video one is generated (--frames, --size).
"""
import argparse
import os.path as osp
import statistics
import sys
import tempfile
import time


from mmengine.config import DictAction

from custom_modules.apps.launch import load_config, load_tool, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--model', nargs='+', required=True, metavar='CONFIG [CHECKPOINT]',
                        help='mmseg config and optional checkpoint (random weights without)')
    parser.add_argument('--video', help='input video (default: a generated one)')
    parser.add_argument('--frames', type=int, default=24, help='frames of the generated video')
    parser.add_argument('--size', nargs=2, type=int, default=(128, 256), metavar=('H', 'W'),
                        help='size of the generated video')
    parser.add_argument('--batch-size', type=int, default=4)
    parser.add_argument('--repeats', type=int, default=3, help='timed runs of each pipeline')
    parser.add_argument('--device', help='default: cuda when available')
    parser.add_argument('--opacity', type=float, default=0.5)
    parser.add_argument('--amp', action='store_true',
                        help="seg_video.py's --amp (bfloat16 on CPU); the reference stays float32")
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='config overrides for both pipelines, e.g. '
                        'test_pipeline.1.scale="(512,256)"')
    return parser.parse_args(argv)


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


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        import torch
        from mmseg.apis import init_model

        from custom_modules.errors import UserInputError
        from custom_modules.apps.video import BatchSegmenter
        from custom_modules.apps.video.segmenter import default_device
        segment_video = load_tool('tools/seg_video.py').segment_video
        if len(args.model) > 2:
            raise UserInputError('--model takes CONFIG and at most one CHECKPOINT')
        device = args.device or default_device()
        tmp = tempfile.mkdtemp(prefix='bench_seg_video_')
        config = load_config(args.model[0], args.cfg_options)
        checkpoint = args.model[1] if len(args.model) == 2 else random_checkpoint(
            config, osp.join(tmp, 'random.pth'))
        video = args.video or generate_video(osp.join(tmp, 'video.mp4'), args.frames,
                                             *args.size)
        ours = BatchSegmenter(config, checkpoint, device=device, amp=args.amp)
        reference = init_model(config.copy(), checkpoint, device=device)
        print(f'video {video}, model {args.model[0]}, device {device}, '
              f'{torch.get_num_threads()} torch threads, batch {args.batch_size}'
              + (', seg_video with --amp' if args.amp else ''))
        runs = {'seg_video': [], 'reference': []}
        for r in range(args.repeats):
            for name in (('seg_video', 'reference') if r % 2 == 0 else ('reference', 'seg_video')):
                out = osp.join(tmp, f'{name}.mp4')
                stats = (segment_video(video, out, [ours], args.opacity, args.batch_size,
                                       progress=False) if name == 'seg_video'
                         else reference_loop(reference, video, out, args.opacity))
                runs[name].append(stats['fps'])
                print(f'run {r + 1}/{args.repeats} {name:>9}: {stats["frames"]} frames, '
                      f'{stats["seconds"]:.2f} s, {stats["fps"]:.2f} FPS')
        ours_fps, ref_fps = (statistics.median(runs[k]) for k in ('seg_video', 'reference'))
        print(f'median FPS: seg_video {ours_fps:.2f}, per-frame reference {ref_fps:.2f}, '
              f'ratio {ours_fps / ref_fps:.2f}x')
        return dict(seg_video=ours_fps, reference=ref_fps, ratio=ours_fps / ref_fps)


if __name__ == '__main__':
    main()
