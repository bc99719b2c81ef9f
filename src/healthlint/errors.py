"""Errors that end in a clear one-line message, never a traceback."""


class HealthlintError(Exception):
    """Base class: the message names the file and the problem."""


class PackError(HealthlintError):
    """A rule pack that cannot be read or does not validate (exit 2)."""


class ConfigError(HealthlintError):
    """A configuration file or option that is invalid (exit 2)."""


class InputError(HealthlintError):
    """An input file that cannot be linted (exit 2, other files go on)."""
