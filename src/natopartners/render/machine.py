"""Machine-readable output: JSON, JSON Lines, CSV, TSV and Markdown, with the standard library.

Every function takes the rows of a view and returns the complete text to write.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from natopartners.render import Format, assert_never

LIST_SEPARATOR = "; "


def render(
    rows: Sequence[Mapping[str, Any]],
    fields: Sequence[str],
    fmt: Format,
    *,
    header: bool = True,
    single: bool = False,
) -> str:
    """Rows as text in ``fmt``; ``single`` makes JSON one object rather than an array."""
    if fmt is Format.JSON:
        payload: Any = rows[0] if single else list(rows)
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt is Format.JSONL:
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt is Format.CSV:
        return _csv(rows, fields, header)
    if fmt is Format.TSV:
        return _tsv(rows, fields, header)
    if fmt is Format.MARKDOWN:
        return _markdown(rows, fields)
    if fmt is Format.TABLE or fmt is Format.AUTO:
        raise ValueError(f"{fmt.value} is not a machine format")
    assert_never(fmt)


def cell(value: Any) -> str:
    """One value as flat text: lists of names joined, nested records as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return LIST_SEPARATOR.join(value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _csv(rows: Sequence[Mapping[str, Any]], fields: Sequence[str], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(fields)
    writer.writerows([cell(row[name]) for name in fields] for row in rows)
    return buffer.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv(rows: Sequence[Mapping[str, Any]], fields: Sequence[str], header: bool) -> str:
    lines = ["\t".join(fields)] if header else []
    lines += ["\t".join(cell(row[name]).translate(_TSV_ESCAPES) for name in fields) for row in rows]
    return "".join(line + "\n" for line in lines)


def _markdown(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> str:
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    lines = [
        "| " + " | ".join(fields) + " |",
        "|" + "|".join(" --- " for _ in fields) + "|",
        *("| " + " | ".join(escape(cell(row[name])) for name in fields) + " |" for row in rows),
    ]
    return "".join(line + "\n" for line in lines)
