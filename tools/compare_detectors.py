"""Run two or more detectors on the same images; one grid PNG per image (one panel per model).

    python tools/compare_detectors.py --model CFG CKPT --model CFG CKPT [...] \
        --images IMG [IMG ...] --out-dir DIR [--score-thr 0.3] [--names A B ...] [--device cpu]

Any image files work (VOC or not). Each panel shows one model's boxes with
class names and scores, titled with the model's name (default: config
file name). Writes ``DIR/<image stem>.png`` and ``DIR/<image stem>.json``
(each model's boxes, labels and scores).
"""
import argparse
import json
import os
import os.path as osp
import sys


from custom_modules.errors import UserInputError
from custom_modules.apps.launch import user_errors

TITLE_HEIGHT = 20
PALETTE = [(60, 220, 60), (255, 140, 0), (220, 60, 220), (0, 200, 255), (255, 255, 0)]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--model', nargs=2, action='append', metavar=('CONFIG', 'CHECKPOINT'),
                        required=True, help='a detector; give two or more')
    parser.add_argument('--images', nargs='+', required=True)
    parser.add_argument('--out-dir', required=True)
    parser.add_argument('--names', nargs='+', help='panel titles, one per --model')
    parser.add_argument('--score-thr', type=float, default=0.3)
    parser.add_argument('--cols', type=int, default=0, help='panels per row (default: all)')
    parser.add_argument('--device', default='cpu')
    return parser.parse_args(argv)


def grid(panels, cols):
    import numpy as np
    cols = cols or len(panels)
    rows = -(-len(panels) // cols)
    h, w = panels[0].shape[:2]
    canvas = np.full((rows * h, cols * w, 3), 255, np.uint8)
    for k, panel in enumerate(panels):
        r, c = divmod(k, cols)
        canvas[r * h:(r + 1) * h, c * w:(c + 1) * w] = panel
    return canvas


def main(argv=None):
    args = parse_args(argv)
    with user_errors():
        if len(args.model) < 2:
            raise UserInputError('give at least two --model CONFIG CHECKPOINT pairs')
        if args.names and len(args.names) != len(args.model):
            raise UserInputError(f'--names has {len(args.names)} names for {len(args.model)} models')
        for path in [p for pair in args.model for p in pair] + args.images:
            if not osp.isfile(path):
                raise UserInputError(f'{path} does not exist')
        import cv2
        import numpy as np
        from mmengine.utils import ProgressBar
        from custom_modules.plugins.visualization import (detections_of, draw_boxes, load_detector,
                                                  predict_images)
        names = args.names or [osp.splitext(osp.basename(c))[0] for c, _ in args.model]
        results = {path: [] for path in args.images}  # image -> per model detections
        images = {}
        bar = ProgressBar(len(args.model) * len(args.images))
        for config, checkpoint in args.model:
            model = load_detector(config, checkpoint, args.device)
            classes = model.dataset_meta.get('classes', ())
            for path, image, sample, _ in predict_images(model, args.images):
                images[path] = image
                results[path].append(detections_of(sample.pred_instances, classes, args.score_thr))
                bar.update()
        os.makedirs(args.out_dir, exist_ok=True)
        written = []
        for path, per_model in results.items():
            panels = []
            for k, (name, dets) in enumerate(zip(names, per_model)):
                labels = [f'{n} {s:.2f}' for n, s in zip(dets['labels'], dets['scores'])]
                panel = draw_boxes(images[path], dets['boxes'], PALETTE[k % len(PALETTE)], labels, 2)
                title = np.zeros((TITLE_HEIGHT, panel.shape[1], 3), np.uint8)
                cv2.putText(title, f'{name}: {len(labels)} boxes', (3, 14),
                            cv2.FONT_HERSHEY_SIMPLEX, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
                panels.append(np.concatenate([title, panel], axis=0))
            stem = osp.splitext(osp.basename(path))[0]
            out = osp.join(args.out_dir, f'{stem}.png')
            cv2.imwrite(out, grid(panels, args.cols))
            with open(osp.join(args.out_dir, f'{stem}.json'), 'w') as f:
                json.dump(dict(image=path, models=[dict(name=n, config=c, checkpoint=k, **d)
                                                   for n, (c, k), d in zip(names, args.model, per_model)]),
                          f, indent=1)
            written.append(out)
        print(f'\nwritten: {len(written)} grid PNGs (+ JSON) in {args.out_dir}')
        return written


if __name__ == '__main__':
    main()
