"""TorchvisionRoIPool and RegisteredLayerRoIExtractor: RoI max pooling on CPU behind mmdet's
extractor."""
import torch
from mmdet.registry import MODELS
from torchvision.ops import roi_pool

import custom_modules  # noqa: F401


def _ramp(images=1, channels=1, side=4):
    """Feature maps whose cell (r, c) holds 4r + c (plus 100 per channel and image)."""
    cell = torch.arange(side * side, dtype=torch.float32).view(side, side)
    offsets = 100 * torch.arange(images * channels, dtype=torch.float32)
    return cell + offsets.view(images, channels, 1, 1)


def test_pooling_a_hand_computed_roi_with_overlapping_bins():
    pool = MODELS.build(dict(type='TorchvisionRoIPool', output_size=2, spatial_scale=1 / 16))
    # image box (16, 0)-(48, 32) -> cells x 1..3, y 0..2: 3x3 cells in 2x2 bins of 1.5 cells,
    # bin edges floor/ceil: rows {0,1}, {1,2}; columns {1,2}, {2,3}
    rois = torch.tensor([[0.0, 16.0, 0.0, 48.0, 32.0]])
    out = pool(_ramp(), rois)
    assert out.shape == (1, 1, 2, 2)
    assert out[0, 0].tolist() == [[6.0, 7.0], [10.0, 11.0]]


def test_batch_index_picks_the_image_and_every_channel_is_pooled():
    pool = MODELS.build(dict(type='TorchvisionRoIPool', output_size=(1, 2), spatial_scale=1.0))
    features = _ramp(images=2, channels=2)
    out = pool(features, torch.tensor([[1.0, 0.0, 0.0, 3.0, 3.0]]))
    # the whole 4x4 map of image 1 in two column halves: maxima at (3, 1) and (3, 3)
    assert out[0].tolist() == [[[213.0, 215.0]], [[313.0, 315.0]]]


def test_gradient_flows_to_the_maximum_on_cpu():
    pool = MODELS.build(dict(type='TorchvisionRoIPool', output_size=1, spatial_scale=1.0))
    features = _ramp().requires_grad_()
    pool(features, torch.tensor([[0.0, 0.0, 0.0, 1.0, 1.0]])).sum().backward()
    expected = torch.zeros(4, 4)
    expected[1, 1] = 1  # the largest of cells (0..1, 0..1)
    assert torch.equal(features.grad[0, 0], expected)


def test_extractor_builds_the_registered_layer_per_stride_and_matches_torchvision():
    extractor = MODELS.build(dict(
        type='RegisteredLayerRoIExtractor', out_channels=3, featmap_strides=[16],
        roi_layer=dict(type='TorchvisionRoIPool', output_size=14)))
    layer = extractor.roi_layers[0]
    assert type(layer).__name__ == 'TorchvisionRoIPool'
    assert layer.output_size == (14, 14) and layer.spatial_scale == 1 / 16
    torch.manual_seed(0)
    features = torch.randn(2, 3, 10, 12)
    rois = torch.tensor([[0.0, 8.0, 4.0, 100.0, 90.0], [1.0, 30.0, 20.0, 60.0, 150.0]])
    expected = roi_pool(features, rois, (14, 14), 1 / 16)
    assert torch.equal(extractor((features,), rois), expected)


def test_extractor_still_builds_mmcv_ops_by_name():
    extractor = MODELS.build(dict(
        type='RegisteredLayerRoIExtractor', out_channels=3, featmap_strides=[8],
        roi_layer=dict(type='RoIAlign', output_size=7, sampling_ratio=0)))
    assert type(extractor.roi_layers[0]).__name__ == 'RoIAlign'
    assert extractor.roi_layers[0].spatial_scale == 1 / 8
