"""Errors that end in a clear one-line message, never a traceback."""


class HealthlintError(Exception):
    """Base class: the message names the file and the problem."""


class PackError(HealthlintError):
    """A rule pack that cannot be read or does not validate (exit 2)."""


class ConfigError(HealthlintError):
    """A configuration file or option that is invalid (exit 2)."""


class InputError(HealthlintError):
    """An input file that cannot be linted (exit 2, other files go on)."""


def describe(exc: BaseException) -> str:
    """An unexpected exception on one line: its type, message and the place it was raised."""
    import traceback  # only an unexpected error needs it

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename.replace(chr(92), '/').rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    detail = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {detail}{where}"
