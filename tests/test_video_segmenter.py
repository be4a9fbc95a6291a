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
