"""Machine-readable output: JSON, JSON Lines, CSV, TSV and Markdown: plain text, never Rich.

``render`` takes a view and returns the complete text to write.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Mapping, Sequence
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
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    elif fmt is Format.CSV:
        text = _csv(rows, fields, header)
    elif fmt is Format.TSV:
        text = _tsv(rows, fields, header)
    elif fmt is Format.MARKDOWN:
        text = _markdown(rows, fields)
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
    return _compact_json(value)


_compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _csv(rows: Rows, fields: Sequence[str], header: bool) -> str:
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


# Markdown: each cell is text that a CommonMark renderer with GitHub's extensions (cmark-gfm,
# which GitHub runs) shows exactly as the data writes it, with no link, image, HTML, emphasis,
# code, strike-through or maths the data did not spell as text:
# - Each character that can open or close markup is escaped with a backslash (CommonMark reads
#   any ASCII punctuation so): \ ` * ~ < > | & $; _ but between two letters or digits (never
#   emphasis there); ] before ( (a link or an image); [ before ^ (cmark-gfm takes [^...] for a
#   footnote, and shows one it cannot find with its backslashes). Other brackets stay: a
#   reference needs a definition, and none can be written in a table, so [bold] is text.
# - GFM links a bare URL where it meets one and reads no backslash inside it (a URL escaped
#   like prose points elsewhere: `topics\_49188` is `topics%5C_49188`). Outside the URLs
#   written below, `www.` and `://` are broken with a backslash (`www\.`, `\://`).
# - A URL (http, https, ftp) is written as an autolink, `<URL>`, whose address and text are the
#   URL itself. Inside one nothing is escaped but `&` (written `&amp;`: references are read
#   there) and `|` (`\|`: the table splits cells first). A value that is one URL is linked
#   whole; a URL in prose ends where GFM ends one (a trailing `.`, `,`, `)` ... stays text).
# - A newline is `<br>`. Spaces and tabs at either end of a cell, which a table trims, are
#   written as character references (`&#32;`, `&#9;`).
# GFM also links an e-mail address (to mailto:), after parsing, where no escape reaches: its
# text still reads as written.
#
# A table is escaped in one pass, not one per cell (20,000 rows are 200,000 cells): its cells
# are joined with NUL and its rows with SOH, control characters no valid text holds, which no
# rule reads as part of a word, a URL or a cell's padding.
_CELLS, _ROWS = "\x00", "\x01"
_ALWAYS = re.compile(r"[\\`*~<>|&$]")
_UNDERSCORE = re.compile(r"_(?:(?<![^\W_]_)|(?![^\W_]))")
_WWW = re.compile(r"([wW]{3})\.")
_URL = re.compile(r"(?<![a-z0-9])(?:https?|ftp)://[^\W_][^\s<>\"\x00\x01]*", re.IGNORECASE)
_URL_TRAILER = "?!.,:*_~'\""  # what GFM drops from the end of a URL it finds in prose
_ENTITY_AT_END = re.compile(r"&[A-Za-z]+;$")
_PADDING = re.compile(r"(?:^|(?<=[\x00\x01]))[ \t]+|[ \t]+(?=[\x00\x01]|\Z)")
_PADDED = tuple(
    pair
    for blank, edge in itertools.product(" \t", "\x00\x01")
    for pair in (blank + edge, edge + blank)
)
_REFERENCES = str.maketrans({" ": "&#32;", "\t": "&#9;"})


def _markdown(rows: Rows, fields: Sequence[str]) -> str:
    table = [list(fields), *([cell(row[name]) for name in fields] for row in rows)]
    text = _ROWS.join(_CELLS.join(values) for values in table)
    if text.count(_CELLS) + text.count(_ROWS) == len(table) * len(fields) - 1:
        lines = _markdown_cells(text).replace(_CELLS, " | ").split(_ROWS)
    else:  # a value holds a separator, as no valid data can: a cell at a time
        lines = [" | ".join(_markdown_cells(value) for value in values) for values in table]
    header, *body = (f"| {line} |\n" for line in lines)
    return header + "|" + "|".join(" --- " for _ in fields) + "|\n" + "".join(body)


def _markdown_cells(text: str) -> str:
    """``text``, one cell or cells joined by the separators, as the inside of GFM table cells
    that render exactly as ``text``."""
    if "://" not in text:
        written = _escaped(text)
    else:
        parts: list[str] = []
        done = 0
        for found in _URL.finditer(text):
            start, end = found.span()
            whole = text[start - 1 : start] in _BOUNDARY and text[end : end + 1] in _BOUNDARY
            if not whole:  # a URL in prose
                end = start + _prose_url_length(found.group())
            parts += (_escaped(text[done:start]), _autolink(text[start:end]))
            done = end
        parts.append(_escaped(text[done:]))
        written = "".join(parts)
    if written[:1] in _BLANK or written[-1:] in _BLANK or any(p in written for p in _PADDED):
        written = _PADDING.sub(lambda padding: padding.group().translate(_REFERENCES), written)
    return written


_BOUNDARY = ("", _CELLS, _ROWS)  # what is before or after a value
_BLANK = (" ", "\t")


def _escaped(text: str) -> str:
    text = _ALWAYS.sub(r"\\\g<0>", text)
    if "_" in text:
        text = _UNDERSCORE.sub(r"\\_", text)
    for markup in ("[^", "](", "://"):
        if markup in text:
            text = text.replace(markup, "\\" + markup)
    return _WWW.sub(r"\1\\.", text).replace("\n", "<br>")


def _autolink(url: str) -> str:
    return "<" + url.replace("&", "&amp;").replace("|", "\\|") + ">"


def _prose_url_length(url: str) -> int:
    """How much of ``url``, found in prose, GFM would link: not the punctuation that ends a
    sentence, a ``)`` without its ``(``, nor a ``;`` (with the ``&name`` before it)."""
    end = len(url)
    while True:  # the host's first character, a letter or digit, is never dropped
        last = url[end - 1]
        if last in _URL_TRAILER:
            end -= 1
        elif last == ";":
            entity = _ENTITY_AT_END.search(url, 0, end)
            end = entity.start() if entity else end - 1
        elif last == ")" and url.count(")", 0, end) > url.count("(", 0, end):
            end -= 1
        else:
            return end
