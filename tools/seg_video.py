"""Segment a driving video with one or more Cityscapes models, side by side.

Input: a video file or a folder of frames (e.g. a CamVid sequence). Output: a
video whose frames show the input next to each model's colour overlay, with a
legend of the 19 Cityscapes classes below; optionally every frame as PNG.
Frames are decoded and encoded (and drawn) in background threads, and the
models run on batches (on the GPU when there is one).

    python tools/seg_video.py drive.mp4 -o work_dirs/seg_video/drive.mp4 \\
        --model configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py pspnet.pth \\
        --model configs/cityscapes/segformer_mit-b5_8xb1-160k_cityscapes-1024x1024.py segformer.pth
"""
import argparse
import os.path as osp

from custom_modules.apps.launch import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors
from custom_modules.apps.video.pipeline import segment_video


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    add_debug_arg(parser)
    parser.add_argument('input', help='video file, or folder of frames (e.g. a CamVid sequence)')
    parser.add_argument('-o', '--out', help='output video (.mp4 or .avi; default '
                        'work_dirs/seg_video/<input name>.mp4)')
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a Cityscapes mmseg model; repeat to compare models')
    parser.add_argument('--opacity', type=float, default=0.5,
                        help='opacity of the colour overlay, 0..1 (default 0.5)')
    parser.add_argument('--batch-size', type=int, default=4, help='frames per forward pass')
    parser.add_argument('--device', help='e.g. cuda, cuda:1, cpu (default: cuda when available)')
    parser.add_argument('--amp', action='store_true',
                        help='mixed precision: bfloat16 on CPU (fast where the CPU has AMX/'
                        'AVX512-BF16), float16 on CUDA')
    parser.add_argument('--save-frames', metavar='DIR', help='also write every output frame as PNG')
    parser.add_argument('--fps', type=float, default=30.0,
                        help='frame rate for a folder of frames (default 30, CamVid\'s)')
    parser.add_argument('--max-frames', type=int, help='stop after this many frames')
    parser.add_argument('--queue-size', type=int, default=16,
                        help='frames buffered by the reader and the writer threads')
    add_allow_partial_arg(parser)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        out = args.out or osp.join('work_dirs', 'seg_video',
                                   osp.splitext(osp.basename(osp.normpath(args.input)))[0] + '.mp4')
        stats = segment_video(args.input, out, args.model, args.opacity, args.batch_size,
                              args.device, args.save_frames, args.fps, args.max_frames,
                              args.queue_size, amp=args.amp, allow_partial=args.allow_partial)
        print(f'\n{stats["frames"]} frames in {stats["seconds"]:.1f} s '
              f'({stats["fps"]:.2f} FPS, {len(args.model)} model(s)) -> {out}')
        if args.save_frames:
            print(f'frames as PNG -> {args.save_frames}')
        return stats


if __name__ == '__main__':
    main()
