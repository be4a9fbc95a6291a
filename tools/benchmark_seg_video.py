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

from mmengine.config import DictAction

from custom_modules.apps.benchmarks.seg_video import video_vs_reference
from custom_modules.apps.user_errors import add_debug_arg, user_errors


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    add_debug_arg(parser)
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


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        video_vs_reference(args.model, args.video, args.frames, args.size, args.batch_size,
                           args.repeats, args.device, args.opacity, args.amp, args.cfg_options)


if __name__ == '__main__':
    main()
