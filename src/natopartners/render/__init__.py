"""Output: one entry point, ``render(view, fmt, out)``, for every format.

Machine formats (``machine``, ``markdown``; JSON is written by pydantic-core, which every run
has loaded) and plain text (``text``) need no Rich; it lives in ``human``, imported only when
a table or sheet is drawn for people. The width people
read at is decided here, once (``width``).
"""

from __future__ import annotations

import os
from enum import Enum
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from natopartners.views import View


def assert_never(value: NoReturn) -> NoReturn:
    """The type checker proves this unreachable (``typing.assert_never`` is 3.11+)."""
    raise AssertionError(f"unhandled value: {value!r}")


class Format(str, Enum):
    """The values of ``--format``."""

    AUTO = "auto"
    TABLE = "table"
    TEXT = "text"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"

    def resolve(self, stdout_is_terminal: bool, *, sheet: bool) -> Format:
        """``auto`` is a table (or a sheet) on a terminal and, in a pipe, TSV for a listing
        and plain text for a sheet, as ``gh`` does."""
        if self is not Format.AUTO:
            return self
        if stdout_is_terminal:
            return Format.TABLE
        return Format.TEXT if sheet else Format.TSV


NARROWEST = 20  # columns: below this nothing is readable, so nothing is laid out narrower
WIDEST = 1000  # columns: a wider terminal is laid out as this wide
FALLBACK = 80


def width(columns: str | None = None) -> int:
    """The width people read at, in columns: ``COLUMNS`` where it is a number from
    ``NARROWEST`` up (a wider one is cut to ``WIDEST``), else the terminal's own width, else
    80. Zero, a negative number or text in ``COLUMNS`` is not a width: it is ignored, so no
    setting of the environment can make an answer vanish."""
    text = os.environ.get("COLUMNS") if columns is None else columns
    try:
        wanted = int(text) if text is not None else 0
    except ValueError:
        wanted = 0
    if wanted <= 0:
        try:
            wanted = os.get_terminal_size().columns  # of stdout, where the output goes
        except (OSError, ValueError):
            wanted = 0
        if wanted <= 0:  # not a terminal, or one that says it has no width
            wanted = FALLBACK
    return max(NARROWEST, min(WIDEST, wanted))


def render(view: View, fmt: Format, out: TextIO, *, header: bool = True) -> list[str]:
    """Write ``view`` to ``out`` in ``fmt`` (``auto`` must be resolved first); returns the
    notes that belong on stderr (why a chart was not drawn, say)."""
    match fmt:
        case Format.TABLE:
            from natopartners.render import human

            return human.write(view, out, width())
        case Format.TEXT:
            from natopartners.render import text

            out.write(text.render(view))
        case Format.JSON | Format.JSONL | Format.CSV | Format.TSV | Format.MARKDOWN:
            from natopartners.render import machine

            data = machine.render(view, fmt, header=header)
            binary = getattr(out, "buffer", None)
            if binary is None:
                out.write(data.decode("utf-8"))
            else:  # the bytes as they are: a large answer is not held twice more as text
                out.flush()
                binary.write(data)
        case Format.AUTO:
            raise ValueError("resolve auto against the terminal before rendering")
        case _:
            assert_never(fmt)
    return []
