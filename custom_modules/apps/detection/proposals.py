"""A two-stage detector's RPN proposals next to its final detections, one PNG per image.

The drawing is the plugin layer's (``custom_modules.plugins.visualization``,
shared with ``ProposalVisHook``); this module loads a detector from a config
and checkpoint and runs it over any image files.
"""
import os.path as osp
from typing import List, Sequence

from custom_modules.errors import UserInputError


def check_files(paths: Sequence[str]) -> None:
    """Raise a user error naming the first path that is not a file."""
    for path in paths:
        if not osp.isfile(path):
            raise UserInputError(f'{path} does not exist')


def draw_proposals(config: str, checkpoint: str, images: Sequence[str], out_dir: str,
                   num_proposals: int = 20, score_thr: float = 0.3,
                   device: str = 'cpu', allow_partial: bool = False) -> List[str]:
    """Write ``out_dir/<image stem>.png`` (+ ``.json``) per image; returns the PNG paths.

    Draws the ``num_proposals`` highest-scoring test-mode RPN proposals (at most the
    config's ``test_cfg.rpn.max_per_img`` exist; a note says when fewer were drawn) and
    the detections scoring at least ``score_thr``. The checkpoint must fit the model
    exactly unless ``allow_partial``."""
    check_files([config, checkpoint, *images])
    from mmengine.utils import ProgressBar

    from custom_modules.plugins.visualization import detections_of, write_proposal_png

    from .inference import load_detector, predict_images
    model = load_detector(config, checkpoint, device, allow_partial)
    if not getattr(model, 'with_rpn', False):
        raise UserInputError(f'{config}: {type(model).__name__} has no RPN; '
                             'proposals need a two-stage detector (e.g. Faster R-CNN)')
    classes = model.dataset_meta.get('classes', ())
    bar = ProgressBar(len(images))
    written = []
    available = model.cfg.model.get('test_cfg', {}).get('rpn', {}).get('max_per_img')
    for path, image, sample, proposals in predict_images(model, images, max(1, num_proposals)):
        if len(proposals) < num_proposals:
            print(f'note: {path}: the RPN gave {len(proposals)} proposals, fewer than '
                  f'--num-proposals {num_proposals} (model.test_cfg.rpn.max_per_img: '
                  f'{available})')
        out = osp.join(out_dir, osp.splitext(osp.basename(path))[0] + '.png')
        write_proposal_png(out, image, proposals[:num_proposals],
                           detections_of(sample.pred_instances, classes, score_thr))
        written.append(out)
        bar.update()
    print(f'\nwritten: {len(written)} PNGs (+ JSON boxes) in {out_dir}')
    return written
