"""Errors that reach the user as one clear line (never a traceback)."""
from __future__ import annotations


class ArgmapError(Exception):
    """A user-facing error: bad input, bad rules, bad usage. Exit code 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")


class RuleError(ArgmapError):
    """A rule pack that cannot be loaded."""


class InputError(ArgmapError):
    """A document that cannot be read."""
