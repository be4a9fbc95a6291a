"""User-facing error types: tools print these as one line instead of a traceback."""


class UserInputError(Exception):
    """Base class for errors caused by a config, a file or data the user gave.

    Subclasses take a single message argument so that mmengine's registry
    (which re-raises ``type(e)(f'class ...: {e}')``) keeps their type.
    """


class DataError(UserInputError):
    """A data file or folder is missing, corrupt or inconsistent."""


class ConfigError(UserInputError):
    """A config value contradicts the data or the environment."""


class UnsafeCheckpointError(UserInputError):
    """A checkpoint needs code to be executed to be loaded, so it is refused."""


class OutputError(UserInputError):
    """A file or folder could not be written (no space left, no permission, not a folder)."""
