"""A console without output the user cannot act on; mmengine's log file keeps everything.

Why stock mmengine 0.10.7 was not enough:

* Each ``pkg::`` base of a config (``mmpretrain::``, ``mmdet::``, ``mmseg::``) makes
  mmengine's ``is_installed`` import and reload ``pkg_resources``, and setuptools warns
  "pkg_resources is deprecated as an API" every time: three or four warnings before a
  command does anything. The note is addressed to mmengine's maintainers; a user of this
  repo can do nothing about it. That one warning is ignored (others still show).
* Every Runner logs, to the console and to the log file, the system environment and the
  whole resolved config (200 to 450 lines) and its hook-priority table (about 60 lines),
  before any progress; and mmengine's own CheckpointHook logs that its ``FileClient`` and
  ``HardDiskBackend`` will be deprecated (mmengine's internals, not the user's config).
  A :class:`ConsoleNoiseFilter` on the console handler of each mmengine logger drops
  these records (:data:`LOG_FILE_ONLY`) from the console, which shows progress and
  results; the work dir's ``<timestamp>.log`` keeps them, and everything else (and
  training writes the config to the work dir as well).

:func:`quiet_console` installs both; importing :mod:`custom_modules` calls it, so the
tools of this repo and OpenMMLab's own ``tools/train.py``/``tools/test.py`` (whose configs
import the package through ``custom_imports``) build quiet Runners. Warnings raised while
OpenMMLab's tools parse a config, before that import, are not covered.
"""
import functools
import logging
import warnings

PKG_RESOURCES_WARNING = 'pkg_resources is deprecated as an API'
# beginnings of mmengine log messages that go to the log file only
LOG_FILE_ONLY = (f'\n{"-" * 60}\nSystem environment:', 'Config:\n',
                 'Hooks will be executed in the following order',
                 '"FileClient" will be deprecated in future',
                 '"HardDiskBackend" is the alias of "LocalBackend"')

__all__ = ['ConsoleNoiseFilter', 'LOG_FILE_ONLY', 'quiet_console']


class ConsoleNoiseFilter(logging.Filter):
    """Drops the records :data:`LOG_FILE_ONLY` names (the Runner's environment, config
    and hook table, mmengine's notes on its own deprecated file client); for console
    handlers only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(LOG_FILE_ONLY)


def _quiet(logger: logging.Logger) -> None:
    """Add :class:`ConsoleNoiseFilter` to the console (not file) handlers of ``logger``."""
    for handler in logger.handlers:
        if isinstance(handler, logging.StreamHandler) \
                and not isinstance(handler, logging.FileHandler) \
                and not any(isinstance(f, ConsoleNoiseFilter) for f in handler.filters):
            handler.addFilter(ConsoleNoiseFilter())


def quiet_console() -> None:
    """Ignore the ``pkg_resources`` deprecation warning and keep :data:`LOG_FILE_ONLY` off
    the console of every mmengine logger, existing and future. Calling it again changes
    nothing."""
    warnings.filterwarnings('ignore', message=PKG_RESOURCES_WARNING, category=UserWarning)
    from mmengine.logging import MMLogger
    for logger in list(MMLogger._instance_dict.values()):
        _quiet(logger)
    if getattr(MMLogger.__init__, 'quiet_console', False):
        return
    build = MMLogger.__init__

    @functools.wraps(build)
    def __init__(self, *args, **kwargs):
        build(self, *args, **kwargs)
        _quiet(self)

    __init__.quiet_console = True
    MMLogger.__init__ = __init__
