"""Run tools/train.py, SIGKILLing the process while it saves a chosen file.

usage: python tests/helpers/kill_during_save.py NAME N tools/train.py ARGS...

At the N-th fsync of a temporary file for NAME (e.g. ``epoch_2.pth`` or
``last_checkpoint``) the file is cut to half its size, as if the machine died
mid-write, and the process kills itself with SIGKILL.
"""
import os
import runpy
import signal
import sys

name, occurrence = sys.argv[1], int(sys.argv[2])
seen = 0
real_fsync = os.fsync


def fsync_then_die(fd):
    global seen
    path = os.readlink(f'/proc/self/fd/{fd}')
    if os.path.basename(path).startswith(f'.{name}.'):
        seen += 1
        if seen == occurrence:
            os.ftruncate(fd, os.fstat(fd).st_size // 2)
            os.kill(os.getpid(), signal.SIGKILL)
    real_fsync(fd)


os.fsync = fsync_then_die
sys.argv = sys.argv[3:]
runpy.run_path(sys.argv[0], run_name='__main__')
