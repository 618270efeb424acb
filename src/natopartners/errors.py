"""The project's exceptions and the exit codes they map to."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, documented in the README and in ``natopartners --help``."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    INVALID_DATA = 3
    OUTPUT = 4
    INTERRUPTED = 130


class NatoPartnersError(Exception):
    """Base class: an error a user can cause, reported on stderr without a traceback."""

    exit_code: ExitCode = ExitCode.NOT_FOUND


class DataError(NatoPartnersError, ValueError):
    """A data file that cannot be read or does not validate: one message per problem."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class NotFoundError(NatoPartnersError, LookupError):
    """A name that matches no record, or more than one."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, hints: Sequence[str] = ()) -> None:
        self.hints = list(hints)
        super().__init__(message)


class UsageError(NatoPartnersError, ValueError):
    """Arguments that contradict each other or make no sense, such as an end before a start."""

    exit_code = ExitCode.USAGE


def shown(text: str, limit: int = 80, *, quote: bool = True) -> str:
    """A user-supplied string as a message may echo it: quoted, escaped, and cut to ``limit``;
    without ``quote``, quoted only when something in it needs escaping."""
    cut = text if len(text) <= limit else text[:limit] + "\u2026"
    quoted = cut if not quote and cut.isprintable() else repr(cut)
    return quoted if len(text) <= limit else f"{quoted} ({len(text)} characters)"
