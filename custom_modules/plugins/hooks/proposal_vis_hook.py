"""Draw a two-stage detector's RPN proposals next to its final detections during val/test.

mmdet's ``DetVisualizationHook`` shows only final boxes. For the chosen
images (dataset indices or image ids / file stems) this hook runs the RPN
on the batch (``extract_feat`` + ``rpn_head.predict``) and writes one PNG
per image: top-N proposals after NMS on the left, final detections with
class names and scores on the right (see ``custom_modules.plugins.visualization``),
plus a JSON file of the boxes drawn. Files go to
``<log dir>/<out_dir>/{epoch_<n>|test}/<image id>.png``. Only the main
process draws; indices count the samples it sees in loader order (the
dataset order in a single process; under distributed testing use image ids).
"""
import os.path as osp
from typing import Sequence, Union

import mmcv
from mmdet.registry import HOOKS
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from ..visualization import detections_of, rpn_proposals, write_proposal_png


@HOOKS.register_module()
class ProposalVisHook(Hook):
    """Draw the RPN's proposals next to the final detections for chosen test images.

    Args:
        images (Sequence[int | str]): Dataset indices (int) and/or image ids or
            file stems (str) to draw. Defaults to ``(0, 1, 2, 3)``.
        num_proposals (int): Proposals drawn per image (the highest-scoring after
            NMS). Defaults to 20.
        score_thr (float): Detections drawn need at least this score. Defaults to 0.3.
        out_dir (str): Folder under the run's log dir. Defaults to ``'proposal_vis'``.

    Example::

        custom_hooks = [dict(type='ProposalVisHook', images=[0, 1, 2, 3],
                             num_proposals=20, score_thr=0.3)]
    """

    def __init__(self, images: Sequence[Union[int, str]] = (0, 1, 2, 3), num_proposals: int = 20,
                 score_thr: float = 0.3, out_dir: str = 'proposal_vis'):
        self.images = set(images)
        self.num_proposals = num_proposals
        self.score_thr = score_thr
        self.out_dir = out_dir
        self.written = []
        self._seen = 0

    def _reset(self, runner=None, *args, **kwargs) -> None:
        self._seen = 0

    before_val_epoch = before_test_epoch = _reset

    def _wanted(self, index: int, sample) -> bool:
        stem = osp.splitext(osp.basename(sample.get('img_path', '')))[0]
        return bool({index, str(sample.get('img_id', '')), stem} & self.images)

    def _draw(self, runner, data_batch, outputs, folder: str) -> None:
        first, self._seen = self._seen, self._seen + len(outputs)
        chosen = [i for i, out in enumerate(outputs) if self._wanted(first + i, out.metainfo)]
        if not chosen or not is_main_process():
            return
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        data = model.data_preprocessor(data_batch, False)
        inputs = data['inputs'][chosen]
        samples = [data['data_samples'][i] for i in chosen]
        proposals = rpn_proposals(model, inputs, samples, self.num_proposals)
        meta = runner.visualizer.dataset_meta or getattr(model, 'dataset_meta', None) or {}
        classes = meta.get('classes', ())
        for i, boxes in zip(chosen, proposals):
            out = outputs[i]
            image = mmcv.imread(out.img_path)
            name = osp.splitext(osp.basename(out.img_path))[0]
            path = osp.join(runner.log_dir, self.out_dir, folder, f'{name}.png')
            write_proposal_png(path, image, boxes,
                               detections_of(out.pred_instances, classes, self.score_thr))
            self.written.append(path)

    def after_val_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        self._draw(runner, data_batch, outputs, f'epoch_{runner.epoch}')

    def after_test_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        self._draw(runner, data_batch, outputs, 'test')
