"""Proposal-vs-detection PNGs: the hook during test and tools/vis_proposals.py on any image
(generated ones and the real photographs installed packages ship)."""
import json
import os.path as osp

import cv2
import numpy as np
import pytest

from custom_modules.apps.detection.proposals import draw_proposals
from custom_modules.apps.detection.sample_photos import sample_photos
from custom_modules.plugins.visualization.det_panels import (
    DETECTION_COLOR,
    MIN_PANEL_SIDE,
    PROPOSAL_COLOR,
)
from tests.helpers.configs import run_cli
from tests.helpers.det_models import save_random_checkpoint, tiny_faster_rcnn_config
from tests.helpers.drawn_boxes import changed_pixels, label_text_pixels, outline_share
from tests.helpers.voc_data import make_vocdevkit


def _check_png(png, image_path, num_proposals, num_dets):
    """Both panels at image size (enlarged by an integer factor for small images), the JSON's
    box counts, and boxes really drawn in their colours."""
    canvas, image = cv2.imread(png), cv2.imread(image_path)
    record = json.load(open(osp.splitext(png)[0] + '.json'))
    s = record['panel_scale']
    assert s == -(-MIN_PANEL_SIDE // min(image.shape[:2]))  # small test images: enlarged
    h, w = image.shape[0] * s, image.shape[1] * s
    assert canvas.shape == (h, 2 * w, 3)
    assert record['image_size'] == [image.shape[1], image.shape[0]]
    assert len(record['proposals']) == num_proposals
    dets = record['detections']
    assert len(dets['boxes']) == len(dets['labels']) == len(dets['scores']) == num_dets
    assert all(isinstance(n, str) and n for n in dets['labels'])

    def corner(box, panel):
        x1, y1, x2, y2 = (int(round(v * s)) for v in box)
        return canvas[min(max(y2, 0), h - 1), min(max(x1, 0), w - 1) + panel * w].tolist()

    left = [corner(b, 0) for b in record['proposals']]
    # one may hide under a title
    assert sum(c == list(PROPOSAL_COLOR) for c in left) >= len(left) - 1
    right = [corner(b, 1) for b in dets['boxes']]
    assert sum(c == list(DETECTION_COLOR) for c in right) >= (num_dets + 1) // 2
    return record


@pytest.fixture(scope='module')
def tiny_detector(tmp_path_factory):
    folder = tmp_path_factory.mktemp('det')
    config = tiny_faster_rcnn_config(folder / 'tiny_frcnn.py', max_dets=5)
    return config, save_random_checkpoint(config, folder / 'tiny.pth')


def test_vis_proposals_tool_on_any_image(tiny_detector, tmp_path):
    config, checkpoint = tiny_detector
    rng = np.random.default_rng(1)
    image = str(tmp_path / 'street photo.png')  # not a VOC image, odd name, other format
    cv2.imwrite(image, rng.integers(0, 255, (90, 140, 3), dtype=np.uint8))
    code = run_cli('tools/vis_proposals.py', config, checkpoint, image,
                   '--out-dir', tmp_path / 'out', '--num-proposals', '7', '--score-thr', '0')
    assert code == 0
    _check_png(str(tmp_path / 'out' / 'street photo.png'), image, num_proposals=7, num_dets=5)
    written = draw_proposals(config, checkpoint, [image], str(tmp_path / 'again'), 7, 0.0)
    assert written == [str(tmp_path / 'again' / 'street photo.png')]
    _check_png(written[0], image, num_proposals=7, num_dets=5)


def test_vis_proposals_tool_on_shipped_photographs(tiny_detector, tmp_path, capsys):
    """No image files: the real photographs installed packages ship. Asking for more
    proposals than the RPN keeps (the tiny config's 50) draws all it has, with a note."""
    config, checkpoint = tiny_detector
    out = tmp_path / 'out'
    assert run_cli('tools/vis_proposals.py', config, checkpoint, '--out-dir', out,
                   '--num-proposals', '300', '--score-thr', '0') == 0
    assert 'the RPN gave 50 proposals, fewer than --num-proposals 300' in capsys.readouterr().out
    for photo in sample_photos():
        png = str(out / (osp.splitext(osp.basename(photo))[0] + '.png'))
        record = _check_png(png, photo, num_proposals=50, num_dets=5)
        assert record['panel_scale'] == 1  # photographs are drawn at their own size
        canvas, plain = cv2.imread(png), cv2.imread(photo)
        w = plain.shape[1]
        left, right = canvas[:, :w], canvas[:, w:]
        shares = [outline_share(left, box, PROPOSAL_COLOR) for box in record['proposals']]
        assert np.mean(shares) > 0.5  # outlines in the proposal colour (some cross others)
        shares = [outline_share(right, box, DETECTION_COLOR)
                  for box in record['detections']['boxes']]
        assert sum(s > 0.5 for s in shares) >= 4, shares
        assert label_text_pixels(right, plain, DETECTION_COLOR) > 30 * 5  # 'class 0.42' labels
        assert changed_pixels(left, plain).mean() < 0.6  # the photograph stays visible


def test_vis_proposals_tool_rejects_missing_image(tiny_detector, tmp_path, capsys):
    config, checkpoint = tiny_detector
    code = run_cli('tools/vis_proposals.py', config, checkpoint, tmp_path / 'nope.jpg',
                   '--out-dir', tmp_path)
    assert code == 2
    assert 'nope.jpg does not exist' in capsys.readouterr().err


def test_hook_draws_chosen_test_images(tiny_detector, tmp_path):
    from mmengine.config import Config
    from mmengine.runner import Runner
    config, checkpoint = tiny_detector
    root = make_vocdevkit(tmp_path / 'VOCdevkit', years=('2007',))
    cfg = Config.fromfile(config)
    cfg.test_dataloader.dataset.data_root = root
    cfg.test_dataloader.update(batch_size=2, num_workers=0, persistent_workers=False)
    cfg.custom_hooks = [dict(type='ProposalVisHook', images=[0, '2007_10003'], num_proposals=6,
                             score_thr=0.0)]
    cfg.update(work_dir=str(tmp_path / 'work'), load_from=checkpoint)
    runner = Runner.from_cfg(cfg)
    runner.test()
    hook = next(h for h in runner.hooks if type(h).__name__ == 'ProposalVisHook')
    names = sorted(osp.basename(p) for p in hook.written)
    assert names == ['2007_10000.png', '2007_10003.png']
    for png in hook.written:
        assert osp.dirname(png) == osp.join(runner.log_dir, 'proposal_vis', 'test')
        image = osp.join(root, 'VOC2007', 'JPEGImages', osp.basename(png).replace('.png', '.jpg'))
        _check_png(png, image, num_proposals=6, num_dets=5)


class _ListDataset:
    """A test list in file order (not sorted), as mmdet's VOC dataset exposes it."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def get_data_info(self, index):
        return dict(img_id=self.ids[index], img_path=f'/voc/JPEGImages/{self.ids[index]}.jpg')


@pytest.mark.parametrize('shuffle', [False, True])
def test_hook_chooses_the_first_ids_of_the_list_whatever_the_ranks(monkeypatch, shuffle):
    """images=[0, 1, 2, 3] = the first 4 ids in the list's file order; with 4 ranks each
    draws those it is given (rank 0 alone sees only one of them). 10 images on 4 ranks:
    the sampler pads with 2 repeats of the first images, which another rank may draw
    again (the same file, written atomically), but no rank draws an image twice."""
    from mmdet.structures import DetDataSample
    from mmengine.dataset import sampler as samplers

    from custom_modules.plugins.hooks import ProposalVisHook

    ids = ['000007', '000002', '000011', '000005', '000001', '000003', '000009', '000004',
           '000006', '000010']  # invented; not in sorted order
    dataset = _ListDataset(ids)
    seen_by_rank = {}
    for rank in range(4):
        monkeypatch.setattr(samplers, 'get_dist_info', lambda rank=rank: (rank, 4))
        hook = ProposalVisHook(images=[0, 1, 2, 3])
        hook.resolve(dataset)
        order = list(samplers.DefaultSampler(dataset, shuffle=shuffle, seed=3))
        outputs = [DetDataSample(metainfo=dataset.get_data_info(i)) for i in order]
        seen_by_rank[rank] = [outputs[i].img_id for i in hook.select(outputs)]
        assert hook.select(outputs) == []  # the sampler's padding repeats are not redrawn
    drawn = {i for chosen in seen_by_rank.values() for i in chosen}
    assert drawn == set(ids[:4]) == {'000002', '000005', '000007', '000011'}
    assert all(len(set(chosen)) == len(chosen) for chosen in seen_by_rank.values())
    if not shuffle:
        assert seen_by_rank[0] == ['000007']  # what a rank-0-only hook would have drawn


def test_hook_ids_and_stems_are_kept_and_out_of_range_positions_skipped():
    from mmdet.structures import DetDataSample

    from custom_modules.plugins.hooks import ProposalVisHook
    hook = ProposalVisHook(images=[1, 'extra_photo', 99])
    hook.resolve(_ListDataset(['a1', 'b2']))
    assert hook.wanted == {'b2', 'extra_photo'}
    outputs = [DetDataSample(metainfo=dict(img_path='/x/extra_photo.jpg')),
               DetDataSample(metainfo=dict(img_id='a1', img_path='/x/a1.jpg')),
               DetDataSample(metainfo=dict(img_id='b2', img_path='/x/b2.jpg'))]
    assert hook.select(outputs) == [0, 2]
