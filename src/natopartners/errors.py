"""The project's exceptions, the exit codes they map to, and ``shown`` for echoing input."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

ELLIPSIS = "…"


def shown(text: str, limit: int = 80, *, quote_plain: bool = True) -> str:
    """``text``, supplied by a user or a data file, made safe to echo in a message.

    Anything echoed back may hold terminal escapes (``\\x1b]0;title\\x07``), characters that
    reorder or hide what follows (bidi overrides such as U+202E, zero-width spaces, the BOM),
    line or paragraph separators that split a line, or be 100,000 characters long. So the
    text is quoted and escaped like ``repr``: every character that ``str.isprintable`` refuses
    (controls, format characters such as the bidi and zero-width ones, separators other than
    the space, unassigned and private-use code points) shows as ``\\x1b``, ``\\u202e`` and
    the like; letters of every script stay readable (``'Côte d\'Ivoire'``).

    Longer than ``limit`` characters, it is cut there and the full length is noted:
    ``'aaaa…' (100000 characters)``. With ``quote_plain=False`` a short, plain text (printable,
    no spaces, quotes or backslashes) is returned bare, as a file name leading
    ``partners.toml: …`` reads best; anything else is quoted as above, so what is bare is
    exactly what the user typed.
    """
    if len(text) > limit:
        return f"{text[:limit] + ELLIPSIS!r} ({len(text)} characters)"
    if not quote_plain and text.isprintable() and text and _NOT_BARE.isdisjoint(text):
        return text
    return repr(text)


_NOT_BARE = frozenset(" \"'\\")


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
