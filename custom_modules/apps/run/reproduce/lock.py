"""One ``tools/reproduce.py`` per work root: an exclusive ``fcntl.flock`` on
``<work root>/reproduce.lock`` held for the process's lifetime. The kernel releases it
when the process ends, however it ends (SIGKILL included), so a stale file never blocks;
the file says who holds it (pid, host, command, start time) for the refusal message."""
import fcntl
import json
import os
import os.path as osp
import socket
import sys
import time
from typing import Optional

from custom_modules.errors import UserInputError

LOCK_FILE = 'reproduce.lock'


def _holder_text(path: str) -> str:
    try:
        with open(path) as f:
            holder = json.loads(f.read() or '{}')
    except (OSError, ValueError):
        return 'another process'
    return (f'pid {holder.get("pid")} on {holder.get("host")} since {holder.get("start")} '
            f'({holder.get("command")})')


class WorkRootLock:
    """``with WorkRootLock(work_root):`` holds the work root or raises UserInputError
    naming the holder."""

    def __init__(self, work_root: str):
        self.path = osp.join(work_root, LOCK_FILE)
        self.file = None

    def __enter__(self):
        os.makedirs(osp.dirname(self.path) or '.', exist_ok=True)
        self.file = open(self.path, 'a+')
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.file.close()
            self.file = None
            raise UserInputError(f'work root {osp.dirname(self.path) or "."} is in use by '
                                 f'{_holder_text(self.path)}; lock file {self.path}') from None
        self.file.seek(0)
        self.file.truncate()
        self.file.write(json.dumps(dict(pid=os.getpid(), host=socket.gethostname(),
                                        command=' '.join(sys.argv),
                                        start=time.strftime('%Y-%m-%d %H:%M:%S'))))
        self.file.flush()
        return self

    def __exit__(self, *exc):
        if self.file:
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
            self.file = None


def held_by_other(work_root: str) -> Optional[str]:
    """Who holds the work root's lock (another process), or None."""
    path = osp.join(work_root, LOCK_FILE)
    if not osp.isfile(path):
        return None
    with open(path) as f:
        try:
            fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder_text(path)
        fcntl.flock(f, fcntl.LOCK_UN)
    return None
