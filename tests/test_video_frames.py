"""Threaded frame reading and writing: video files, frame folders, clear errors on bad input."""
import cv2
import numpy as np
import pytest

from custom_modules.apps.video.frames import (
    FrameReader,
    FrameWriter,
    camvid_sequences,
    open_frames,
)
from custom_modules.errors import DataError, UserInputError
from tests.helpers.seg_data import make_camvid_sequences, make_video


def test_reader_yields_every_frame_of_a_video_in_batches(tmp_path):
    source = open_frames(make_video(tmp_path / 'v.mp4', frames=10, height=32, width=64))
    assert source.count == 10 and source.fps == pytest.approx(10)
    batches = list(FrameReader(source, queue_size=2).batches(4))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert batches[0][0].shape == (32, 64, 3)


def test_folder_of_frames_in_name_order(tmp_path):
    for i in (2, 0, 1):
        cv2.imwrite(str(tmp_path / f'f{i}.png'), np.full((8, 8, 3), i * 50, np.uint8))
    frames = list(FrameReader(open_frames(str(tmp_path), folder_fps=15)))
    assert [int(f[0, 0, 0]) for f in frames] == [0, 50, 100]


def test_missing_corrupt_and_empty_inputs_name_the_file(tmp_path):
    with pytest.raises(UserInputError, match='nope.mp4 does not exist'):
        open_frames(str(tmp_path / 'nope.mp4'))
    bad = tmp_path / 'bad.mp4'
    bad.write_bytes(b'not a video at all' * 100)
    with pytest.raises(DataError, match='bad.mp4: not a readable video'):
        open_frames(str(bad))
    (tmp_path / 'empty').mkdir()
    with pytest.raises(DataError, match='empty: folder holds no image files'):
        open_frames(str(tmp_path / 'empty'))
    (tmp_path / 'broken').mkdir()
    (tmp_path / 'broken' / 'a.png').write_bytes(b'garbage')
    with pytest.raises(DataError, match='a.png: not a readable image'):
        list(FrameReader(open_frames(str(tmp_path / 'broken'))))


def test_reader_close_stops_the_thread_early(tmp_path):
    reader = FrameReader(open_frames(make_video(tmp_path / 'v.mp4', frames=12, height=16,
                                                width=16)), queue_size=1)
    next(iter(reader))
    reader.close()
    assert not reader.is_alive()


def test_writer_renders_in_its_thread_and_writes_video_and_pngs(tmp_path):
    writer = FrameWriter(str(tmp_path / 'out' / 'o.mp4'), 5, str(tmp_path / 'png'),
                         render=lambda v: np.full((16, 32, 3), v, np.uint8))
    for value in (10, 200, 90):
        writer.write(value)
    assert writer.close() == 3
    capture = cv2.VideoCapture(str(tmp_path / 'out' / 'o.mp4'))
    assert capture.get(cv2.CAP_PROP_FRAME_COUNT) == 3
    assert cv2.imread(str(tmp_path / 'png' / '000001.png'))[0, 0].tolist() == [200] * 3
    with pytest.raises(UserInputError, match='unsupported extension'):
        FrameWriter(str(tmp_path / 'o.gif'), 5)


def test_writer_reraises_errors_from_its_thread(tmp_path):
    def fail(_):
        raise RuntimeError('drawing failed')
    writer = FrameWriter(str(tmp_path / 'o.mp4'), 5, render=fail)
    writer.write(1)
    with pytest.raises(RuntimeError, match='drawing failed'):
        writer.close()


def test_flat_camvid_folder_splits_into_sequences_in_name_order(tmp_path):
    folder = make_camvid_sequences(tmp_path / 'test', {'Seq05VD': 2, '0001TP': 3})
    (tmp_path / 'test' / 'notes.txt').write_text('not a frame')
    groups = camvid_sequences(folder)
    assert list(groups) == ['0001TP', 'Seq05VD']
    assert groups['0001TP'] == ['0001TP_00000.png', '0001TP_00030.png', '0001TP_00060.png']
    source = open_frames(folder, 5, files=groups['Seq05VD'][::-1])
    assert source.count == 2 and source.fps == 5 and source.files == groups['Seq05VD']
    with pytest.raises(UserInputError, match='not a folder'):
        camvid_sequences(str(tmp_path / 'test' / 'notes.txt'))


def _folder_with_corrupt_frame(folder, frames=5, corrupt=2):
    folder.mkdir()
    for i in range(frames):
        cv2.imwrite(str(folder / f'{i:04d}.png'), np.full((8, 8, 3), 10 * i, np.uint8))
    (folder / f'{corrupt:04d}.png').write_bytes(b'\x89PNG\r\n\x1a\n' + bytes(40))  # truncated
    return str(folder)


def test_unreadable_frame_of_a_folder_stops_there_naming_it(tmp_path):
    frames = []
    with pytest.raises(DataError, match=r'0002\.png: not a readable image \(frame 3 of 5\)'):
        for frame in FrameReader(open_frames(_folder_with_corrupt_frame(tmp_path / 'seq'))):
            frames.append(frame)
    assert [int(f[0, 0, 0]) for f in frames] == [0, 10]


@pytest.mark.parametrize('corrupt,encoded', [(0, 0), (3, 2)])
def test_reader_error_wins_and_no_video_is_written(tmp_path, corrupt, encoded):
    """As the seg_video pipeline uses them (writer closed in a ``finally``): the unreadable
    frame is the one error, never the writer's "no frames to write", and no video appears,
    whether the bad frame is the first or comes after frames were encoded."""
    reader = FrameReader(open_frames(_folder_with_corrupt_frame(tmp_path / 'seq',
                                                                corrupt=corrupt)))
    out = tmp_path / 'out'
    writer = FrameWriter(str(out / 'o.mp4'), 5)
    with pytest.raises(DataError, match=f'{corrupt:04d}.png: not a readable image') as error:
        try:
            for batch in reader.batches(2):
                for frame in batch:
                    writer.write(frame)
        finally:
            reader.close()
            assert writer.close() == encoded
    assert 'no frames' not in str(error.value)
    assert list(out.iterdir()) == []  # neither the video nor its temporary file
