"""Draw a two-stage detector's RPN proposals next to its final detections during val/test.

mmdet's ``DetVisualizationHook`` shows only final boxes. For the chosen
images (dataset indices or image ids / file stems) this hook runs the RPN
on the batch (``extract_feat`` + ``rpn_head.predict``) and writes one PNG
per image: top-N proposals after NMS on the left, final detections with
class names and scores on the right (see ``custom_modules.plugins.visualization``),
plus a JSON file of the boxes drawn. Files go to
``<log dir>/<out_dir>/{epoch_<n>|test}/<image id>.png``.

The images are chosen by image id, not by the position of a sample in what one
process sees: under distributed validation rank 0 gets every n-th image only (and
a shuffling sampler any order), so "the first 4 images" would otherwise change with
the number of GPUs. An integer entry is a position in the evaluated dataset's
annotation list (its file order: for VOC, ``ImageSets/Main/test.txt``, ascending
ids), resolved to that image's id at the start of every validation/test, and each
process draws the chosen images it is given.
"""
import os.path as osp
from typing import Sequence, Set, Union

import mmcv
from mmdet.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from ..visualization import detections_of, rpn_proposals, write_proposal_png


def _stem(path: str) -> str:
    return osp.splitext(osp.basename(path))[0]


def _image_id(info: dict) -> str:
    """An image's id (mmdet datasets' ``img_id``), else its file stem."""
    return str(info.get('img_id') or _stem(info.get('img_path', '')))


@HOOKS.register_module()
class ProposalVisHook(Hook):
    """Draw the RPN's proposals next to the final detections for chosen test images.

    Args:
        images (Sequence[int | str]): Positions in the evaluated dataset's list (int;
            ``(0, 1, 2, 3)`` = its first 4 images in file order, whatever the number of
            GPUs and the sampler's order) and/or image ids or file stems (str) to draw.
            Defaults to ``(0, 1, 2, 3)``.
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
        self.images = tuple(images)
        self.num_proposals = num_proposals
        self.score_thr = score_thr
        self.out_dir = out_dir
        self.written = []  # this process's PNGs
        self.wanted: Set[str] = {i for i in self.images if isinstance(i, str)}
        self._drawn: Set[str] = set()

    def resolve(self, dataset) -> None:
        """Turn the integer entries into the ids of those images of ``dataset``."""
        if hasattr(dataset, 'full_init'):
            dataset.full_init()  # no-op when done
        self.wanted = {i for i in self.images if isinstance(i, str)}
        for index in (i for i in self.images if not isinstance(i, str)):
            if 0 <= index < len(dataset):
                self.wanted.add(_image_id(dataset.get_data_info(index)))
        self._drawn = set()  # each image once per epoch (the sampler may pad with repeats)

    def before_val_epoch(self, runner) -> None:
        self.resolve(runner.val_loop.dataloader.dataset)

    def before_test_epoch(self, runner) -> None:
        self.resolve(runner.test_loop.dataloader.dataset)

    def select(self, outputs) -> list:
        """Positions in ``outputs`` (one batch) of chosen images not drawn yet this epoch."""
        chosen = []
        for i, out in enumerate(outputs):
            meta = out.metainfo
            names = {str(meta.get('img_id', '')), _stem(meta.get('img_path', ''))}
            found = names & self.wanted
            if found and not found & self._drawn:
                self._drawn |= found
                chosen.append(i)
        return chosen

    def _draw(self, runner, data_batch, outputs, folder: str) -> None:
        chosen = self.select(outputs)
        if not chosen:
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
