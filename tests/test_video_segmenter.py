"""BatchSegmenter: pipeline built once from the config, label maps at frame size, clear errors."""
import numpy as np
import pytest

from custom_modules.apps.video.segmenter import BatchSegmenter, _inference_pipeline
from custom_modules.errors import ConfigError, UserInputError
from tests.helpers.seg_data import TINY_TEST_PIPELINE, tiny_seg_model


def test_inference_pipeline_reads_arrays_and_skips_annotations():
    steps = [s['type'] for s in _inference_pipeline(dict(test_pipeline=TINY_TEST_PIPELINE))]
    assert steps == ['LoadImageFromNDArray', 'Resize', 'PackSegInputs']


def test_batch_predictions_match_single_frame_predictions(tmp_path):
    config, checkpoint = tiny_seg_model(tmp_path, 'tiny')
    segmenter = BatchSegmenter(config, checkpoint, device='cpu')
    rng = np.random.default_rng(0)
    frames = [rng.integers(0, 255, (60, 100, 3), dtype=np.uint8) for _ in range(3)]
    maps = segmenter.predict(frames)
    assert [m.shape for m in maps] == [(60, 100)] * 3 and maps[0].dtype == np.uint8
    assert maps[0].max() < 19
    assert np.array_equal(segmenter.predict(frames[1:2])[0], maps[1])
    mixed = segmenter.predict([frames[0], frames[1][:40, :80]])  # different sizes in one call
    assert [m.shape for m in mixed] == [(60, 100), (40, 80)]


def test_missing_files_and_wrong_class_count(tmp_path):
    config, checkpoint = tiny_seg_model(tmp_path, 'tiny')
    with pytest.raises(UserInputError, match='checkpoint file .*nope.pth does not exist'):
        BatchSegmenter(config, str(tmp_path / 'nope.pth'), device='cpu')
    with pytest.raises(ConfigError, match='tiny.py: the model predicts 19 classes'):
        BatchSegmenter(config, checkpoint, device='cpu', classes=('a', 'b'))


def test_amp_runs_in_bfloat16_on_cpu_and_mostly_agrees(tmp_path):
    import torch
    config, checkpoint = tiny_seg_model(tmp_path, 'tiny')
    exact = BatchSegmenter(config, checkpoint, device='cpu')
    amp = BatchSegmenter(config, checkpoint, device='cpu', amp=True)
    assert amp.autocast == dict(device_type='cpu', enabled=True, dtype=torch.bfloat16)
    dtypes = []
    hook = amp.model.backbone.register_forward_hook(lambda m, i, out: dtypes.append(
        (out[-1] if isinstance(out, (tuple, list)) else out).dtype))
    frames = [np.random.default_rng(1).integers(0, 255, (60, 100, 3), dtype=np.uint8)]
    low, full = amp.predict(frames)[0], exact.predict(frames)[0]
    hook.remove()
    assert dtypes == [torch.bfloat16]
    assert low.shape == full.shape and (low == full).mean() > 0.8


def _tiny_native(tmp_path, tta_ratios=None):
    from tests.helpers.seg_data import native_config
    config, checkpoint = tiny_seg_model(tmp_path, 'tiny')
    return native_config(tmp_path, 'tiny-native', config, tta_ratios), checkpoint


def _backbone_input_sizes(segmenter):
    sizes = []
    segmenter.model.backbone.register_forward_pre_hook(
        lambda module, args: sizes.append(tuple(args[0].shape[-2:])))
    return sizes


def _probabilities_at(segmenter, frame, ratio):
    """The plain model at one resize ratio: softmax of its logits at the frame's size."""
    import torch
    from mmengine.dataset import Compose
    pipeline = Compose([dict(type='LoadImageFromNDArray'),
                        dict(type='Resize', scale_factor=ratio, keep_ratio=True),
                        dict(type='PackSegInputs')])
    item = pipeline(dict(img=frame))
    with torch.inference_mode():
        result = segmenter.model.test_step(dict(inputs=[item['inputs']],
                                                data_samples=[item['data_samples']]))[0]
    return result.seg_logits.data.softmax(dim=0)


def test_multi_scale_is_the_average_over_the_given_scales(tmp_path):
    config, checkpoint = _tiny_native(tmp_path)
    single = BatchSegmenter(config, checkpoint, device='cpu')
    multi = BatchSegmenter(config, checkpoint, device='cpu', scales=[0.5, 1.0, 2.0])
    frames = [np.random.default_rng(k).integers(0, 255, (64, 96, 3), dtype=np.uint8)
              for k in range(2)]
    sizes = _backbone_input_sizes(multi)
    maps = multi.predict(frames)
    assert sizes == [(32, 48), (64, 96), (128, 192)]  # one batch of both frames per scale
    for frame, labels in zip(frames, maps):
        mean = sum(_probabilities_at(single, frame, r) for r in (0.5, 1.0, 2.0)) / 3
        assert labels.shape == (64, 96) and labels.dtype == np.uint8
        assert np.array_equal(labels, mean.argmax(dim=0).numpy())
    native = single.predict(frames[:1])[0]
    assert np.array_equal(native, _probabilities_at(single, frames[0], 1.0).argmax(0).numpy())
    assert not np.array_equal(native, maps[0])  # the other scales change the result


def test_tta_uses_the_configs_tta_pipeline_without_annotations(tmp_path):
    config, checkpoint = _tiny_native(tmp_path, tta_ratios=[0.5, 1.0])
    segmenter = BatchSegmenter(config, checkpoint, device='cpu', tta=True)
    sizes = _backbone_input_sizes(segmenter)
    assert segmenter.predict([np.zeros((64, 96, 3), np.uint8)])[0].shape == (64, 96)
    assert sizes == [(32, 48), (64, 96)]
    plain, _ = _tiny_native(tmp_path / 'plain')
    with pytest.raises(ConfigError, match='no tta_pipeline'):
        BatchSegmenter(plain, checkpoint, device='cpu', tta=True)
    for bad in ([], [0.5, 0], [-1.0]):
        with pytest.raises(UserInputError, match='scales must be positive'):
            BatchSegmenter(config, checkpoint, device='cpu', scales=bad)


def test_half_precision_is_float16_on_cuda_and_bfloat16_on_cpu():
    import torch

    from custom_modules.apps.video.segmenter import autocast_settings
    assert autocast_settings('cuda:1', True) == dict(device_type='cuda', enabled=True,
                                                     dtype=torch.float16)
    assert autocast_settings('cpu', True)['dtype'] == torch.bfloat16
    assert autocast_settings('cpu', False)['enabled'] is False
