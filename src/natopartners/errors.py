"""The project's exceptions, the exit codes they map to, and ``shown`` for echoing input."""

from __future__ import annotations

import re
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

_LONG_RUN = re.compile(r"\S{81,}")


def echoed(message: str, given: Sequence[str] = (), limit: int = 80) -> str:
    """A message that may repeat what the user typed (Click's "No such command 'x'", "Got
    unexpected extra argument (x)"), made safe as ``shown`` makes one echo: each argument of
    ``given`` longer than ``limit`` that the message repeats, and any other run of more than
    80 characters without a space, is cut (``aaaa…' (3000 characters)``), and every character
    that could drive or disguise the terminal is escaped (``\\x1b``)."""
    for argument in sorted({a for a in given if len(a) > limit}, key=len, reverse=True):
        message = message.replace(argument, _cut(argument, limit))
    message = _LONG_RUN.sub(
        lambda m: _cut(m.group(), limit) if m.group()[-1] != ELLIPSIS else m.group(), message
    )
    return escaped(message)


def escaped(message: str) -> str:
    """``message`` with every character that could drive or disguise the terminal escaped as
    ``shown`` escapes it (each that ``str.isprintable`` refuses but the newline: ``\\x1b``,
    ``\\u202e``), and nothing cut: for a message whose maker has already cut what it
    echoes, each to its own length (a file name to 240 characters)."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in message)


def _cut(text: str, limit: int) -> str:
    return f"{text[:limit]}{ELLIPSIS} ({len(text)} characters)"


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
    """A name that matches no record (``suggestions``: close names), or more than one
    (``candidates``). Its text names them, so a traceback says "did you mean: japan?"."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(
        self,
        message: str,
        *,
        suggestions: Sequence[str] = (),
        candidates: Sequence[str] = (),
        query: str | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        self.message = message
        self.suggestions = list(suggestions)
        self.candidates = list(candidates)
        self.query = query
        self.notes = list(notes)  # more lines to show, e.g. the names that are known
        super().__init__(message)

    @property
    def hints(self) -> list[str]:
        """The lines after the message: the candidates, or the close names, then the notes."""
        said = [f"candidates: {', '.join(self.candidates)}"] if self.candidates else []
        if self.suggestions:
            said.append(f"did you mean: {', '.join(self.suggestions)}?")
        return [*said, *self.notes]

    def __str__(self) -> str:
        return "\n".join([self.message, *self.hints])


class UsageError(NatoPartnersError, ValueError):
    """An argument that is not what it should be (an unknown kind, a date that is not one),
    or arguments that contradict each other, such as an end before a start. ``param`` names
    the argument, where one is to blame."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, *, param: str | None = None) -> None:
        self.message = message
        self.param = param
        super().__init__(f"{param}: {message}" if param else message)
