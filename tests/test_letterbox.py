"""Letterbox: the image fitted into the canvas, centred on grey; boxes moved, clipped, dropped."""
import numpy as np
import pytest
from mmdet.structures.bbox import HorizontalBoxes

from custom_modules.plugins.transforms import Letterbox


def _results(width, height, boxes, colour=(10, 20, 30)):
    img = np.empty((height, width, 3), np.uint8)
    img[...] = colour
    return dict(img=img, img_shape=(height, width),
                gt_bboxes=HorizontalBoxes(np.array(boxes, np.float32)),
                gt_bboxes_labels=np.arange(len(boxes)),
                gt_ignore_flags=np.array([False, True, False][:len(boxes)]))


def test_landscape_image_is_scaled_to_the_width_and_centred_vertically():
    # 200x100 -> s = min(600/200, 600/100) = 3: 600x300 pasted at (0, 150)
    results = Letterbox(scale=(600, 600)).transform(
        _results(200, 100, [(20, 10, 60, 50), (5, 5, 5.3, 40), (100, 0, 200, 100)]))
    img = results['img']
    assert img.shape == (600, 600, 3) and results['img_shape'] == (600, 600)
    assert results['scale_factor'] == (3.0, 3.0)
    assert (img[:150] == 128).all() and (img[450:] == 128).all()
    assert (img[150:450] == (10, 20, 30)).all()
    # box 1 is 0.3 px wide -> 0.9 px: dropped with its label and ignore flag
    np.testing.assert_allclose(results['gt_bboxes'].numpy(),
                               [[60, 180, 180, 300], [300, 150, 600, 450]])
    assert results['gt_bboxes_labels'].tolist() == [0, 2]
    assert results['gt_ignore_flags'].tolist() == [False, False]


def test_portrait_image_is_centred_horizontally_with_the_given_fill():
    # 90x120 on 60x80: s = min(60/90, 80/120) = 2/3 -> 60x80, offset (0, 0);
    # 30x120 on 60x80: s = 2/3 -> 20x80 at ((60 - 20) // 2, 0) = (20, 0)
    results = Letterbox(scale=(60, 80), fill=(1, 2, 3)).transform(
        _results(30, 120, [(3, 30, 27, 60)]))
    img = results['img']
    assert img.shape == (80, 60, 3)
    assert (img[:, :20] == (1, 2, 3)).all() and (img[:, 40:] == (1, 2, 3)).all()
    assert (img[:, 20:40] == (10, 20, 30)).all()
    np.testing.assert_allclose(results['gt_bboxes'].numpy(), [[22, 20, 38, 40]])


def test_without_boxes_only_the_image_changes():
    results = Letterbox(scale=(64, 64)).transform(dict(img=np.zeros((32, 16, 3), np.uint8)))
    assert results['img'].shape == (64, 64, 3) and 'gt_bboxes' not in results


def test_registered_in_mmdet():
    from mmdet.registry import TRANSFORMS
    transform = TRANSFORMS.build(dict(type='Letterbox', scale=(600, 600)))
    assert isinstance(transform, Letterbox)
    assert transform.layout(1000, 500) == ((600, 300), (0, 150))
    with pytest.raises(TypeError):
        Letterbox(scale=(64, 64), interpolation='bicubic', unknown=1)


def test_image_without_objects_keeps_empty_annotations():
    results = Letterbox(scale=(64, 64)).transform(_results(32, 16, np.zeros((0, 4))))
    assert len(results['gt_bboxes']) == 0 and results['gt_bboxes_labels'].shape == (0, )
