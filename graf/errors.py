"""Errors that the command line turns into a one-line message and an exit code."""


class GrafError(Exception):
    """A problem the user can act on. ``exit_code`` follows the contract:
    1 validation failed, 2 bad usage or unreadable input."""

    exit_code = 2


class InputError(GrafError):
    """An input file cannot be read or holds no usable text."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UsageError(GrafError):
    exit_code = 2
