"""tools/seg_video.py on a generated driving video with tiny random Cityscapes models."""

import cv2
import numpy as np
import pytest

from custom_modules.apps.video import REPORT_SCALES, BatchSegmenter, VideoOptions, segment_video
from custom_modules.apps.video.overlay import CITYSCAPES_PALETTE, colorize, draw_legend
from tests.helpers.configs import run_cli, run_script
from tests.helpers.seg_data import make_camvid_sequences, make_video, native_config, tiny_seg_model


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
    stats = segment_video(str(folder), str(tmp_path / 'o.avi'), [random_model], VideoOptions(
        batch_size=2, device='cpu', max_frames=3, progress=False))
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


@pytest.fixture(scope='module')
def camvid(tmp_path_factory):
    """A flat CamVid-like test folder (two sequences, 48x64 frames) and a random tiny model
    reading frames at their native size, as the 001-A configs do."""
    tmp = tmp_path_factory.mktemp('camvid')
    folder = make_camvid_sequences(tmp / 'test', {'0001TP': 3, 'Seq05VD': 2}, height=48,
                                   width=64)
    config, checkpoint = tiny_seg_model(tmp / 'models', 'random-fcn', seed=3)
    return tmp, folder, (native_config(tmp / 'models', 'random-native', config), checkpoint)


def _video_shape(path):
    capture = cv2.VideoCapture(str(path))
    return (int(capture.get(cv2.CAP_PROP_FRAME_COUNT)), capture.get(cv2.CAP_PROP_FPS),
            int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))


def test_colour_only_videos_one_per_sequence_multi_scale(camvid):
    tmp, folder, model = camvid
    out, frames, figure = tmp / 'videos', tmp / 'colour_frames', tmp / 'colour.png'
    result = run_script('tools/seg_video.py', folder, '--per-sequence', '-o', str(out),
                        '--layout', 'colour', '--fps', '5', '--scales', '--model', *model,
                        '--device', 'cpu', '--save-frames', str(frames), '--figure', str(figure))
    assert result.returncode == 0, result.stderr
    assert cv2.imread(str(figure)).shape == (4 * 48 + 3 * 8, 64, 3)  # 4 of the 5 frames
    assert sorted(p.name for p in out.iterdir()) == ['0001TP.mp4', 'Seq05VD.mp4']
    assert _video_shape(out / '0001TP.mp4') == (3, 5.0, 64, 48)
    assert _video_shape(out / 'Seq05VD.mp4') == (2, 5.0, 64, 48)
    reference = BatchSegmenter(*model, device='cpu', scales=REPORT_SCALES)
    palette = {tuple(c[::-1]) for c in CITYSCAPES_PALETTE}
    for sequence, names in (('0001TP', ['0001TP_00000', '0001TP_00060']),
                            ('Seq05VD', ['Seq05VD_f00030'])):
        written = sorted((frames / sequence).iterdir())
        for name in names:
            index = int(name[-5:]) // 30
            png = cv2.imread(str(written[index]))
            labels = reference.predict([cv2.imread(f'{folder}/{name}.png')])[0]
            assert np.array_equal(png, colorize(labels)), name  # colours alone, no input
            assert {tuple(p) for p in png.reshape(-1, 3)} <= palette


def test_pair_layout_original_model_and_model_model_with_figure(camvid, setup):
    tmp, folder, model = camvid
    _, _, car, sky = setup
    frames, figure = tmp / 'pair_frames', tmp / 'fig3.png'
    result = run_script('tools/seg_video.py', folder, '-o', str(tmp / 'pair.mp4'),
                        '--layout', 'pair', '--model', *model, '--device', 'cpu',
                        '--save-frames', str(frames), '--figure', str(figure),
                        '--figure-frames', '0', '3')
    assert result.returncode == 0, result.stderr
    assert _video_shape(tmp / 'pair.mp4')[::2] == (5, 2 * 64)
    inputs = [cv2.imread(f'{folder}/{n}') for n in ('0001TP_00000.png', 'Seq05VD_f00000.png')]
    pngs = [cv2.imread(str(frames / f'{k:06d}.png')) for k in (0, 3)]
    labels = BatchSegmenter(*model, device='cpu').predict(inputs)
    for png, frame, label in zip(pngs, inputs, labels):
        assert png.shape == (48, 128, 3)
        assert np.array_equal(png[:, :64], frame)              # original, untouched
        assert np.array_equal(png[:, 64:], colorize(label))    # the model's colours
    drawn = cv2.imread(str(figure))
    assert drawn.shape == (2 * 48 + 8, 128, 3)
    assert np.array_equal(drawn[:48], pngs[0]) and np.array_equal(drawn[56:], pngs[1])
    assert (drawn[48:56] == 255).all()
    result = run_script('tools/seg_video.py', folder, '-o', str(tmp / 'fig4.mp4'),
                        '--layout', 'pair', '--model', *car, '--model', *sky,
                        '--device', 'cpu', '--max-frames', '2')
    assert result.returncode == 0, result.stderr
    capture = cv2.VideoCapture(str(tmp / 'fig4.mp4'))
    ok, frame = capture.read()
    assert ok and frame.shape == (48, 128, 3)
    assert np.abs(frame[8:40, 8:56].astype(int) - (142, 0, 0)).max() < 12      # A: car (lossy)
    assert np.abs(frame[8:40, 72:120].astype(int) - (180, 130, 70)).max() < 12  # B: sky


@pytest.mark.parametrize('args, message', [
    (['--layout', 'colour', '--model', 'A', 'B', '--model', 'A', 'B'], 'colour layout shows one'),
    (['--layout', 'pair'] + ['--model', 'A', 'B'] * 3, 'one or two models'),
    (['--scales', '0', '1'], 'scales must be positive'),
    (['--scales', '--tta'], '--scales or --tta'),
    (['--figure', 'f.png', '--figure-frames', '99'], 'past the last frame'),
])
def test_bad_layouts_and_scales_are_one_line_errors(camvid, args, message, capsys):
    tmp, folder, model = camvid
    if '--model' not in args:
        args = args + ['--model', *model]
    else:
        args = [str(model[0]) if a == 'A' else str(model[1]) if a == 'B' else a for a in args]
    code = run_cli('tools/seg_video.py', folder, '-o', tmp / 'bad.mp4', '--device', 'cpu', *args)
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith('error: ') or 'error:' in err[-1], err
    assert message in err[-1], err


def test_unreadable_frame_in_a_folder_is_one_error_naming_it(camvid, capsys):
    tmp, _, model = camvid
    folder = make_camvid_sequences(tmp / 'broken', {'0001TP': 3}, height=48, width=64)
    (tmp / 'broken' / '0001TP_00030.png').write_bytes(b'not a png')
    out = tmp / 'broken_out'
    code = run_cli('tools/seg_video.py', folder, '-o', out / 'v.mp4', '--model', *model,
                   '--device', 'cpu')
    err = capsys.readouterr().err
    assert code == 2 and err.count('\n') == 1, err
    assert err.startswith('error: ') and '0001TP_00030.png: not a readable image' in err, err
    assert not out.exists() or not list(out.iterdir())  # no video, no temporary file
