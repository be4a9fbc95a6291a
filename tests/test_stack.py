"""The installed stack: mmcv's compiled ops on CPU, all three downstream packages in one process."""
import torch


def test_mmcv_nms_runs_on_cpu():
    from mmcv.ops import nms
    boxes = torch.tensor([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], dtype=torch.float32)
    scores = torch.tensor([0.9, 0.8, 0.7])
    dets, keep = nms(boxes, scores, iou_threshold=0.5)
    assert keep.tolist() == [0, 2]
    assert torch.allclose(dets[:, 4], torch.tensor([0.9, 0.7]))


def test_mmcv_roi_align_runs_on_cpu():
    from mmcv.ops import RoIAlign
    feature = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4)
    rois = torch.tensor([[0, 0, 0, 4, 4]], dtype=torch.float32)  # whole map
    roi_align = RoIAlign(output_size=(2, 2), spatial_scale=1.0, sampling_ratio=2, aligned=True)
    out = roi_align(feature, rois)
    assert out.shape == (1, 1, 2, 2)
    # aligned: each bin samples pixel centres (0|1, 0|1) of its quadrant; value = 4y + x
    assert torch.allclose(out[0, 0], torch.tensor([[2.5, 4.5], [10.5, 12.5]]), atol=1e-4)


def test_downstream_packages_import_together():
    import mmcv
    import mmdet
    import mmpretrain
    import mmseg
    from mmdet.registry import MODELS as DET_MODELS
    from mmpretrain.registry import MODELS as CLS_MODELS
    from mmseg.registry import MODELS as SEG_MODELS
    assert mmcv.__version__ == '2.1.0'
    versions = (mmdet.__version__, mmpretrain.__version__, mmseg.__version__)
    assert versions == ('3.3.0', '1.2.0', '1.2.2')
    import mmdet.models  # noqa: F401  (fills the registries)
    import mmpretrain.models  # noqa: F401
    import mmseg.models  # noqa: F401
    assert DET_MODELS.get('FasterRCNN') and CLS_MODELS.get('ImageClassifier')
    assert SEG_MODELS.get('EncoderDecoder')


def test_mmcv_ops_match_torchvision_on_random_input():
    """The compiled kernels (however tools/build_mmcv_wheel.sh built them) agree with
    torchvision's independent implementations."""
    from mmcv.ops import RoIAlign, nms
    from torchvision.ops import nms as tv_nms
    from torchvision.ops import roi_align as tv_roi_align
    generator = torch.Generator().manual_seed(0)
    corners = torch.rand(300, 2, generator=generator) * 200
    sizes = torch.rand(300, 2, generator=generator) * 60 + 1
    boxes = torch.cat([corners, corners + sizes], dim=1)
    scores = torch.rand(300, generator=generator)
    _, keep = nms(boxes, scores, iou_threshold=0.4)
    assert keep.tolist() == tv_nms(boxes, scores, 0.4).tolist()

    features = torch.randn(2, 3, 32, 40, generator=generator)
    rois = torch.cat([torch.tensor([[0.0], [1.0], [1.0]]),
                      torch.tensor([[2.0, 3.0, 90.0, 60.0], [0.0, 0.0, 159.0, 127.0],
                                    [33.3, 10.7, 48.1, 70.9]])], dim=1)
    ours = RoIAlign((7, 7), spatial_scale=0.25, sampling_ratio=2, aligned=True)(features, rois)
    reference = tv_roi_align(features, rois, (7, 7), spatial_scale=0.25, sampling_ratio=2,
                             aligned=True)
    assert torch.allclose(ours, reference, atol=1e-5)
