"""Segment a driving video with one or more Cityscapes models: overlays, colour maps, pairs.

Input: a video file or a folder of frames (e.g. a CamVid sequence), sorted by
name. Layouts (--layout): ``overlay`` (default: the input next to each model's
colour overlay, with a legend of the 19 Cityscapes classes below), ``colour``
(one model's colour segmentation alone: opacity 1, no input panel, no legend)
and ``pair`` (original | model with one --model, model A | model B with two).
--per-sequence splits a flat CamVid folder (e.g. the release's test/) into one
video per sequence; --figure stacks chosen output frames into one PNG.
--scales / --tta run mmseg's multi-scale test-time augmentation, --amp half
precision. Frames are decoded and encoded (and drawn) in background threads,
and the models run on batches (on the GPU when there is one).

    python tools/seg_video.py drive.mp4 -o work_dirs/seg_video/drive.mp4 \\
        --model configs/cityscapes/pspnet_r50-d8_4xb2-80k_cityscapes-512x1024.py pspnet.pth \\
        --model configs/cityscapes/segformer_mit-b5_8xb1-160k_cityscapes-1024x1024.py segformer.pth
    python tools/seg_video.py data/camvid/test --per-sequence -o work_dirs/camvid_videos \\
        --layout colour --fps 5 --tta --amp --model OCRNET_CAMVID_CONFIG ocrnet.pth
"""
import argparse
import os.path as osp

from custom_modules.apps.run.cli import add_allow_partial_arg
from custom_modules.apps.user_errors import add_debug_arg, user_errors
from custom_modules.apps.video.pipeline import (
    LAYOUTS,
    VideoOptions,
    segment_one,
    segment_sequences,
)
from custom_modules.apps.video.segmenter import REPORT_SCALES


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    add_debug_arg(parser)
    parser.add_argument('input', help='video file, or folder of frames (e.g. a CamVid sequence); '
                        'an unreadable frame stops the run with an error naming it, and no '
                        'video is written')
    parser.add_argument('-o', '--out', help='output video (.mp4 or .avi; default '
                        'work_dirs/seg_video/<input name>.mp4); with --per-sequence a folder '
                        '(default work_dirs/seg_video/<input name>/)')
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a Cityscapes mmseg model; repeat to compare models')
    parser.add_argument('--layout', choices=LAYOUTS, default='overlay',
                        help='overlay: input + one overlay per model + legend (default); '
                        'colour: one model\'s colour segmentation alone; pair: original | '
                        'model (one --model) or model A | model B (two)')
    parser.add_argument('--per-sequence', action='store_true',
                        help='INPUT is a flat CamVid folder: one video per sequence (name '
                        'before the first "_"), OUT/<sequence>.mp4')
    parser.add_argument('--opacity', type=float, default=0.5,
                        help='opacity of the colour overlay, 0..1 (default 0.5; overlay layout)')
    parser.add_argument('--scales', type=float, nargs='*', metavar='RATIO',
                        help='multi-scale inference of every model at these resize ratios of '
                        'the frame (mmseg TestTimeAug + the config\'s tta_model, no flip); '
                        'without values: ' + ' '.join(map(str, REPORT_SCALES)))
    parser.add_argument('--tta', action='store_true',
                        help='every model with its config\'s own tta_model and tta_pipeline')
    parser.add_argument('--batch-size', type=int, default=4, help='frames per forward pass')
    parser.add_argument('--device', help='e.g. cuda, cuda:1, cpu (default: cuda when available)')
    parser.add_argument('--amp', action='store_true',
                        help='half precision: float16 autocast on CUDA, bfloat16 on CPU (fast '
                        'where the CPU has AMX/AVX512-BF16)')
    parser.add_argument('--save-frames', metavar='DIR', help='also write every output frame as PNG')
    parser.add_argument('--figure', metavar='PNG',
                        help='also stack chosen output frames (--figure-frames) into one image')
    parser.add_argument('--figure-frames', type=int, nargs='+', metavar='N',
                        help='0-based output frame positions for --figure, counted over all '
                        'videos of the run (default: 4 evenly spaced)')
    parser.add_argument('--fps', type=float, default=30.0,
                        help='frame rate for a folder of frames (default 30, CamVid\'s)')
    parser.add_argument('--max-frames', type=int, help='stop after this many frames (per video)')
    parser.add_argument('--queue-size', type=int, default=16,
                        help='frames buffered by the reader and the writer threads')
    add_allow_partial_arg(parser)
    args = parser.parse_args(argv)
    if args.scales == []:
        args.scales = list(REPORT_SCALES)
    if args.scales is not None and args.tta:
        parser.error('give --scales or --tta, not both')
    return args


def main(argv=None):
    args = parse_args(argv)
    with user_errors(args.debug):
        name = osp.basename(osp.normpath(args.input))
        options = VideoOptions(
            layout=args.layout, opacity=args.opacity, batch_size=args.batch_size, fps=args.fps,
            max_frames=args.max_frames, queue_size=args.queue_size, device=args.device,
            amp=args.amp, allow_partial=args.allow_partial, scales=args.scales, tta=args.tta)
        outputs = dict(save_frames=args.save_frames, figure=args.figure,
                       figure_frames=args.figure_frames)
        if args.per_sequence:
            out = args.out or osp.join('work_dirs', 'seg_video', name)
            stats = segment_sequences(args.input, out, args.model, options, **outputs)
            for sequence, result in stats.items():
                print(f'{sequence}: {result["frames"]} frames in {result["seconds"]:.1f} s '
                      f'({result["fps"]:.2f} FPS) -> {osp.join(out, sequence + ".mp4")}')
        else:
            out = args.out or osp.join('work_dirs', 'seg_video', osp.splitext(name)[0] + '.mp4')
            stats = segment_one(args.input, out, args.model, options, **outputs)
            print(f'\n{stats["frames"]} frames in {stats["seconds"]:.1f} s '
                  f'({stats["fps"]:.2f} FPS, {len(args.model)} model(s)) -> {out}')
        if args.save_frames:
            print(f'frames as PNG -> {args.save_frames}')
        if args.figure:
            print(f'figure -> {args.figure}')
        return stats


if __name__ == '__main__':
    main()
