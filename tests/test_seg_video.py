"""tools/seg_video.py on a generated driving video with tiny random Cityscapes models."""

import cv2
import numpy as np
import pytest

from custom_modules.apps.video import segment_video
from custom_modules.apps.video.overlay import draw_legend
from tests.helpers.configs import run_cli, run_script
from tests.helpers.seg_data import make_video, tiny_seg_model


@pytest.fixture(scope='module')
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('segvideo')
    video = make_video(tmp / 'drive.mp4', frames=24, height=128, width=256)
    car = tiny_seg_model(tmp / 'models', 'car-fcn', force_class=13)
    sky = tiny_seg_model(tmp / 'models', 'sky-fcn', force_class=10)
    return tmp, video, car, sky


def test_cli_writes_side_by_side_video_with_palette_colours(setup):
    tmp, video, car, sky = setup
    out, frames = tmp / 'out.mp4', tmp / 'frames'
    result = run_script('tools/seg_video.py', video, '-o', str(out), '--model', *car,
                      '--model', *sky, '--opacity', '1', '--batch-size', '5',
                      '--device', 'cpu', '--save-frames', str(frames))
    assert result.returncode == 0, result.stderr
    assert '24 frames in' in result.stdout and 'FPS' in result.stdout
    legend_height = draw_legend(3 * 256).shape[0]
    capture = cv2.VideoCapture(str(out))
    assert capture.get(cv2.CAP_PROP_FRAME_COUNT) == 24
    assert (capture.get(cv2.CAP_PROP_FRAME_WIDTH), capture.get(cv2.CAP_PROP_FRAME_HEIGHT)) == \
        (3 * 256, 128 + legend_height)
    pngs = sorted(p.name for p in frames.iterdir())
    assert len(pngs) == 24
    inputs = [f for _, f in zip(range(24), _decode(video))]
    for k in (0, 23):
        png = cv2.imread(str(frames / pngs[k]))
        assert np.array_equal(png[40:128, :256], inputs[k][40:128])  # input panel, below title
        assert (png[40:128, 256:512] == (142, 0, 0)).all()   # car, RGB (0, 0, 142), in BGR
        assert (png[40:128, 512:768] == (180, 130, 70)).all()  # sky, RGB (70, 130, 180)


def _decode(path):
    capture = cv2.VideoCapture(path)
    while True:
        ok, frame = capture.read()
        if not ok:
            return
        yield frame


def test_random_model_on_frame_folder_and_max_frames(setup, tmp_path):
    tmp, video, car, _ = setup
    folder = tmp_path / 'seq'
    folder.mkdir()
    for i, frame in zip(range(5), _decode(video)):
        cv2.imwrite(str(folder / f'0001TP_{i:06d}.png'), frame)
    random_model = tiny_seg_model(tmp_path / 'models', 'random-fcn')
    stats = segment_video(str(folder), str(tmp_path / 'o.avi'), [random_model],
                          batch_size=2, device='cpu', max_frames=3, progress=False)
    assert stats['frames'] == 3
    capture = cv2.VideoCapture(str(tmp_path / 'o.avi'))
    assert capture.get(cv2.CAP_PROP_FRAME_COUNT) == 3
    assert capture.get(cv2.CAP_PROP_FRAME_WIDTH) == 2 * 256


@pytest.mark.parametrize('bad', ['missing.mp4', 'corrupt.mp4'])
def test_bad_video_is_a_one_line_error_naming_it(setup, bad, capsys):
    tmp, _, car, _ = setup
    path = tmp / bad
    if bad == 'corrupt.mp4':
        path.write_bytes(b'\x00\x00\x00\x18ftypmp42' + bytes(500))
    code = run_cli('tools/seg_video.py', path, '-o', tmp / 'x.mp4', '--model', *car,
                   '--device', 'cpu')
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith('error: ') and bad in err, err
