"""Bad input ends a tool with one ``error:`` line and exit code 2; ``--debug`` shows the traceback.

The repo's own checks raise :class:`~custom_modules.errors.UserInputError`.
The libraries underneath report some user mistakes with generic exceptions
(mmengine's ``KeyError`` for an unregistered type, a ``TypeError`` for a
misspelt argument, mmcv's ``AssertionError`` for an unreadable image, an
``OSError`` for a full disk); :func:`explain` recognises those and words them
as one line. Errors raised in a dataloader worker reach the main process
wrapped in torch's "Caught ... in DataLoader worker process N" text; the
line of the original error is taken from it. Anything else is a bug and
keeps its traceback.
"""
import contextlib
import errno
import re
import sys
import traceback
from typing import Optional

from custom_modules.errors import UserInputError

_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                 errno.EISDIR, errno.ENOTDIR, errno.EEXIST}
_UNREGISTERED = re.compile(r'(\S+) is not in the (\S+) registry')
_BAD_ARGUMENT = re.compile(r"(\w+)\.__init__\(\) (got an unexpected keyword argument '\w+'"
                           r"|missing \d+ required positional arguments?: .*)")
_UNREADABLE_IMAGE = re.compile(r'failed to load image: (.+)')


def add_debug_arg(parser) -> None:
    """The ``--debug`` flag every tool takes."""
    parser.add_argument('--debug', action='store_true',
                        help='on an error, print the full Python traceback too')


def original_message(exc: BaseException) -> str:
    """``str(exc)``; for an error re-raised from a dataloader worker, the original's message."""
    text = str(exc)
    if text.startswith('Caught ') and 'Original Traceback' in text:
        last = text.rstrip().splitlines()[-1]
        return re.sub(r'^[\w.]+: ', '', last, count=1)  # drop "module.ErrorType: "
    return text.strip("'\"") if isinstance(exc, KeyError) else text


def explain(exc: BaseException, config: Optional[str] = None) -> Optional[str]:
    """The one-line message for an error caused by the user's input; ``None`` for a bug."""
    message = original_message(exc)
    where = f'config {config}: ' if config else ''
    if isinstance(exc, UserInputError):
        return message
    if isinstance(exc, FileNotFoundError):
        return f'{exc.filename} does not exist' if exc.filename else message
    if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
        return f'{exc.filename or "writing a file"}: {exc.strerror}'
    if isinstance(exc, KeyError) and (found := _UNREGISTERED.search(message)):
        return (f'{where}type {found[1]!r} is not registered in the {found[2]} registry '
                '(misspelt, or its module is not imported: see custom_imports)')
    if isinstance(exc, TypeError) and (found := _BAD_ARGUMENT.search(message)):
        return (f'{where}{found[1]} {found[2]} (a misspelt or misplaced key in the config '
                'or in --cfg-options?)')
    if isinstance(exc, AssertionError) and (found := _UNREADABLE_IMAGE.search(message)):
        return (f'cannot read image {found[1].strip()}: not an image or truncated; '
                'tools/analysis_tools/verify_dataset.py CONFIG lists every unreadable image')
    return None


@contextlib.contextmanager
def user_errors(debug: bool = False, config: Optional[str] = None):
    """Turn errors :func:`explain` recognises into ``error: ...`` and exit code 2.

    ``config``: the config file the tool runs, named in messages about its keys.
    """
    try:
        yield
    except Exception as exc:  # noqa: BLE001 (explain() decides; bugs are re-raised)
        message = explain(exc, config)
        if message is None:
            raise
        if debug:
            traceback.print_exc()
        sys.stdout.flush()
        print(f'error: {" ".join(message.split())}', file=sys.stderr)
        sys.stderr.flush()
        sys.exit(2)
