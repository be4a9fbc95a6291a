"""Frame sources (video file or folder of frames) and writers running in background threads.

OpenCV decoding and encoding release the GIL, so a reader thread and a writer
thread, each behind a bounded queue, keep the model busy while frames are
decoded and results encoded. Errors inside a thread are re-raised in the
caller, and bad input is reported naming the file.

A folder of frames with an unreadable frame (corrupt or not an image) stops at that
frame with one error naming it (``error: <folder>/<frame>: not a readable image
(frame i of n) ...``, exit code 2 in the tools): a video that silently lacks frames would
misalign every later frame with its time and with the CamVid labels. The output video is
not written then: a :class:`FrameWriter` closed while an error is on its way up discards
the frames it has encoded and leaves that error, the cause, to be reported (never its own
"no frames to write").
"""
import os
import os.path as osp
import queue
import sys
import threading

import cv2

from custom_modules.errors import DataError, UserInputError
from custom_modules.plugins.datasets.image_files import IMAGE_EXTENSIONS, is_image_file
from custom_modules.plugins.engine.atomic_files import atomic_path

_END = object()


class _VideoFile:
    def __init__(self, path):
        self.path = path
        capture = cv2.VideoCapture(path)
        ok = capture.isOpened()
        self.fps = capture.get(cv2.CAP_PROP_FPS) if ok else 0
        self.count = int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) if ok else 0
        capture.release()
        if not ok or self.count <= 0:
            raise DataError(f'{path}: not a readable video (corrupt file or unsupported codec)')

    def __iter__(self):
        capture = cv2.VideoCapture(self.path)
        try:
            read = 0
            while True:
                ok, frame = capture.read()
                if not ok:
                    break
                read += 1
                yield frame
            if read == 0:
                raise DataError(f'{self.path}: no frame could be decoded (corrupt video?)')
        finally:
            capture.release()


def _image_files(path):
    return sorted(f for f in os.listdir(path) if is_image_file(f))


def camvid_sequences(path: str) -> dict:
    """Frame files of a flat CamVid folder (e.g. the release's ``test/``) grouped by
    sequence, the name part before the first ``_`` (``0001TP_008550.png`` -> ``0001TP``),
    each sorted by name."""
    if not osp.isdir(path):
        raise UserInputError(f'{path} is not a folder of frames')
    groups = {}
    for name in _image_files(path):
        groups.setdefault(name.split('_')[0], []).append(name)
    if not groups:
        raise DataError(f'{path}: folder holds no image files ({", ".join(IMAGE_EXTENSIONS)})')
    return groups


class _FrameFolder:
    def __init__(self, path, fps, files=None):
        self.path, self.fps = path, fps
        self.files = sorted(files) if files is not None else _image_files(path)
        if not self.files:
            raise DataError(f'{path}: folder holds no image files ({", ".join(IMAGE_EXTENSIONS)})')
        self.count = len(self.files)

    def __iter__(self):
        size = None
        for number, name in enumerate(self.files, 1):
            frame = cv2.imread(osp.join(self.path, name), cv2.IMREAD_COLOR)
            if frame is None:
                raise DataError(f'{osp.join(self.path, name)}: not a readable image (frame '
                                f'{number} of {self.count}); replace or remove it and rerun')
            if size is not None and frame.shape != size:
                raise DataError(f'{osp.join(self.path, name)}: size {frame.shape[:2]} differs '
                                f'from the first frame {size[:2]}')
            size = frame.shape
            yield frame


def open_frames(path: str, folder_fps: float = 30.0, files=None):
    """A video file or a folder of frames (e.g. a CamVid sequence), with ``fps`` and ``count``;
    ``files``: only these frames of the folder (sorted by name)."""
    if not osp.exists(path):
        raise UserInputError(f'input {path} does not exist')
    return _FrameFolder(path, folder_fps, files) if osp.isdir(path) else _VideoFile(path)


class _Worker(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.error = None

    def run(self):
        try:
            self.work()
        except BaseException as e:  # handed to the caller
            self.error = e


class FrameReader(_Worker):
    """Decodes ``source`` in a thread; iterate over it for frames or ``batches(n)``."""

    def __init__(self, source, queue_size: int = 16):
        super().__init__()
        self.source, self.queue = source, queue.Queue(maxsize=queue_size)
        self._halt = threading.Event()
        self.start()

    def work(self):
        try:
            for frame in self.source:
                while not self._halt.is_set():
                    try:
                        self.queue.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        pass
                if self._halt.is_set():
                    return
        finally:
            self.queue.put(_END)

    def __iter__(self):
        while True:
            item = self.queue.get()
            if item is _END:
                break
            yield item
        self.join()
        if self.error is not None:
            raise self.error

    def batches(self, size: int):
        batch = []
        for frame in self:
            batch.append(frame)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch

    def close(self):
        self._halt.set()
        while self.is_alive():  # drain so the thread can post its end marker
            try:
                self.queue.get(timeout=0.1)
            except queue.Empty:
                pass


def _fourcc(path):
    ext = osp.splitext(path)[1].lower()
    codes = {'.mp4': 'mp4v', '.m4v': 'mp4v', '.avi': 'MJPG', '.mkv': 'MJPG'}
    if ext not in codes:
        raise UserInputError(f'output {path}: unsupported extension (use {", ".join(codes)})')
    return cv2.VideoWriter_fourcc(*codes[ext])


class _Discarded(Exception):
    """Ends the writer thread without publishing the video (see :meth:`FrameWriter.close`)."""


class FrameWriter(_Worker):
    """Encodes frames to ``path`` in a thread (and PNGs to ``frames_dir``); ``close()`` waits.

    With ``render``, ``write`` takes anything ``render`` turns into a frame, and
    the drawing happens in the writer thread as well.
    """

    def __init__(self, path: str, fps: float, frames_dir: str = None, queue_size: int = 16,
                 render=None):
        super().__init__()
        self.path, self.fps, self.frames_dir = path, fps or 30.0, frames_dir
        self.render = render  # optional function(item) -> frame, run in this thread
        self.fourcc = _fourcc(path)
        self.queue, self.written = queue.Queue(maxsize=queue_size), 0
        self._discard = threading.Event()
        for folder in (osp.dirname(osp.abspath(path)), frames_dir):
            if folder:
                os.makedirs(folder, exist_ok=True)
        self.start()

    def work(self):
        self._ended = False
        try:
            with atomic_path(self.path) as tmp_path:  # the video appears when it is whole
                self._encode(tmp_path)
        finally:
            while not self._ended:  # after an error: keep accepting so write() never blocks
                self._ended = self.queue.get() is _END

    def _encode(self, path):
        writer = None
        try:
            while (frame := self.queue.get()) is not _END:
                if self.render is not None:
                    frame = self.render(frame)
                if writer is None:
                    writer = cv2.VideoWriter(path, self.fourcc, self.fps,
                                             (frame.shape[1], frame.shape[0]))
                    if not writer.isOpened():
                        raise DataError(f'{self.path}: cannot open for writing video')
                writer.write(frame)
                if self.frames_dir:
                    with atomic_path(osp.join(self.frames_dir, f'{self.written:06d}.png')) as png:
                        cv2.imwrite(png, frame)
                self.written += 1
            self._ended = True
        finally:
            if writer is not None:
                writer.release()
        if self._discard.is_set():
            raise _Discarded()
        if writer is None:
            raise DataError(f'{self.path}: no frames to write')

    def write(self, frame):
        if self.error is not None:
            raise self.error
        self.queue.put(frame)

    def close(self):
        """Wait for the video; the number of frames written. Called while an exception
        propagates (e.g. the reader's, in a ``finally``), it discards the video instead and
        raises nothing of its own: that exception is the one to report."""
        if sys.exc_info()[1] is not None:
            self._discard.set()
        self.queue.put(_END)
        self.join()
        if self.error is not None and not self._discard.is_set():
            raise self.error
        return self.written
