"""LetterboxJitter: a box through the jittered letterbox with fixed random draws, by hand."""
import numpy as np
from mmdet.structures.bbox import HorizontalBoxes

from custom_modules.plugins.transforms import LetterboxJitter


def _fixed_draws(monkeypatch, draws):
    values = iter(draws)
    monkeypatch.setattr(np.random, 'rand', lambda: next(values))


def test_box_through_the_jittered_letterbox(monkeypatch):
    # draws: 0.5 -> U(0.7, 1.3) = 1.0; 0.25 -> 0.85; aspect r = 200/100 * 1.0 / 0.85 = 2.3529;
    # 0.5 -> s = 0.25 + 0.5 * 1.75 = 1.125; r >= 1: nw = int(600 * 1.125) = 675,
    # nh = int(675 / 2.3529) = int(286.875) = 286; 0.1 -> dx = int(0.1 * (600 - 675)) = -7;
    # 0.9 -> dy = int(0.9 * (600 - 286)) = int(282.6) = 282. x' = x * 675/200 - 7,
    # y' = y * 286/100 + 282.
    _fixed_draws(monkeypatch, [0.5, 0.25, 0.5, 0.1, 0.9])
    img = np.empty((100, 200, 3), np.uint8)
    img[...] = (40, 50, 60)
    boxes = [(20, 10, 60, 50),    # inside
             (170, 0, 200, 100),  # cut by the right border at 600
             (0, 0, 2, 100)]      # x' in [-7, -0.25]: clipped to width 0, dropped
    results = LetterboxJitter(scale=(600, 600)).transform(dict(
        img=img, gt_bboxes=HorizontalBoxes(np.array(boxes, np.float32)),
        gt_bboxes_labels=np.array([4, 5, 6]), gt_ignore_flags=np.array([False, True, False])))
    out = results['img']
    assert out.shape == (600, 600, 3) and results['img_shape'] == (600, 600)
    assert (out[:282] == 128).all() and (out[282 + 286:] == 128).all()
    assert (out[282:282 + 286] == (40, 50, 60)).all()  # 675 px wide image cut to the canvas
    np.testing.assert_allclose(results['gt_bboxes'].numpy(),
                               [[60.5, 310.6, 195.5, 425.0], [566.75, 282.0, 600.0, 568.0]],
                               rtol=1e-6)
    assert results['gt_bboxes_labels'].tolist() == [4, 5]
    assert results['gt_ignore_flags'].tolist() == [False, True]


def test_portrait_aspect_sets_the_height_first(monkeypatch):
    # 100x200: r = 0.5 * 1.3 / 0.7 = 0.9286 < 1 -> nh = int(600 * 0.25) = 150,
    # nw = int(150 * 0.9286) = int(139.29) = 139; dx = int(1.0 * 461) = 461, dy = 0
    _fixed_draws(monkeypatch, [1.0, 0.0, 0.0, 1.0, 0.0])
    results = LetterboxJitter().transform(dict(img=np.zeros((200, 100, 3), np.uint8)))
    out = results['img']
    assert (out[:150, 461:] == 0).all() and (out[:150, :461] == 128).all()
    assert (out[150:] == 128).all()
    assert results['scale_factor'] == (139 / 100, 150 / 200)


def test_draws_stay_in_their_ranges():
    np.random.seed(0)
    transform = LetterboxJitter(scale=(60, 60))
    for _ in range(200):
        (new_w, new_h), (dx, dy) = transform.layout(40, 30)
        assert 15 <= max(new_w, new_h) <= 120  # 60 * U(0.25, 2) on the longer output side
        assert min(0, 60 - new_w) <= dx <= max(0, 60 - new_w)
        assert min(0, 60 - new_h) <= dy <= max(0, 60 - new_h)
