"""Machine-readable output: JSON, JSON Lines, CSV, TSV and Markdown: plain text, never Rich.

``render`` takes a view and returns the complete text to write. Each format imports what only
it needs (``csv``, ``json``, the Markdown escaper) when it is asked for: ``--json``, the
commonest, is written by pydantic-core, which every run has loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from natopartners.render import Format

if TYPE_CHECKING:
    from natopartners.views import View

LIST_SEPARATOR = "; "

Rows = Sequence[Mapping[str, Any]]


def render(view: View, fmt: Format, *, header: bool = True) -> bytes:
    """``view`` as UTF-8 text in ``fmt``: a sheet, or a listing marked single, is one JSON
    object."""
    from natopartners.views import Listing

    if isinstance(view, Listing):
        rows: Rows = view.rows
        single = view.single
    else:
        rows, single = [view.record], True
    fields = view.fields
    if fmt is Format.JSON:
        payload: Any = rows[0] if single else list(rows)
        return _indented_json(payload) + b"\n"
    if fmt is Format.JSONL:
        import json

        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    elif fmt is Format.CSV:
        text = _csv(rows, fields, header)
    elif fmt is Format.TSV:
        text = _tsv(rows, fields, header)
    elif fmt is Format.MARKDOWN:
        from natopartners.render import markdown

        text = markdown.table(rows, fields)
    else:
        raise ValueError(f"{fmt.value} is not a machine format")
    return text.encode("utf-8")


def _indented_json(payload: Any) -> bytes:
    """``json.dumps(payload, ensure_ascii=False, indent=2)``, written by pydantic-core, which
    every run has already loaded to validate its data: the same text (a test compares them),
    three times faster than the standard library's encoder, which runs in Python once
    ``indent`` is given (a 10,000-partner timeline: 0.5 s instead of 1.5)."""
    from pydantic_core import to_json

    return to_json(payload, indent=2)


def cell(value: Any) -> str:
    """One value as flat text, spelled alike in CSV, TSV and Markdown: a string as it is, null
    empty, a list of strings joined with ``; ``, and anything else (a boolean, a number, any
    other list, a nested record) as compact JSON, so ``true`` reads ``true`` in every format."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:  # the commonest JSON, spelled without an encoder
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return LIST_SEPARATOR.join(value)
    return _compact_json()(value)


@cache
def _compact_json() -> Callable[[Any], str]:
    import json

    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _csv(rows: Rows, fields: Sequence[str], header: bool) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(fields)
    writer.writerows([cell(row[name]) for name in fields] for row in rows)
    return buffer.getvalue()


# A tab, newline or backslash inside a value is escaped, and so are the line and paragraph
# separators, which line-based tools may take for a line end.
_TSV_ESCAPES = str.maketrans(
    {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _tsv(rows: Rows, fields: Sequence[str], header: bool) -> str:
    lines = ["\t".join(fields)] if header else []
    lines += ["\t".join(cell(row[name]).translate(_TSV_ESCAPES) for name in fields) for row in rows]
    return "".join(line + "\n" for line in lines)
