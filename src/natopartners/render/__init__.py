"""Output formats. Machine formats use the standard library only; Rich lives in ``human``."""

from __future__ import annotations

from enum import Enum
from typing import NoReturn


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
