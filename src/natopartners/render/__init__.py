"""Output: one entry point, ``render(view, fmt)``, for every format.

Machine formats (``machine``) use the standard library only; Rich lives in ``human``, imported
only when a table or sheet is drawn for people.
"""

from __future__ import annotations

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
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"

    def resolve(self, stdout_is_terminal: bool) -> Format:
        """``auto`` is a table on a terminal and TSV in a pipe, as ``gh`` does."""
        if self is Format.AUTO:
            return Format.TABLE if stdout_is_terminal else Format.TSV
        return self


def render(view: View, fmt: Format, out: TextIO, *, header: bool = True) -> None:
    """Write ``view`` to ``out`` in ``fmt`` (``auto`` must be resolved first)."""
    match fmt:
        case Format.TABLE:
            from natopartners.render import human

            human.make_console(out).print(human.renderable(view))
        case Format.JSON | Format.JSONL | Format.CSV | Format.TSV | Format.MARKDOWN:
            from natopartners.render import machine

            text = machine.render(view, fmt, header=header)
            binary = getattr(out, "buffer", None)
            if binary is None:
                out.write(text.decode("utf-8"))
            else:  # the bytes as they are: a large answer is not held twice more as text
                out.flush()
                binary.write(text)
        case Format.AUTO:
            raise ValueError("resolve auto against the terminal before rendering")
        case _:
            assert_never(fmt)
