"""Markdown tables, GitHub-flavoured, that render to exactly the text of the data: cells spelled
by ``machine.cell``, then escaped by the rules below."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from natopartners.render.machine import Rows, cell

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
#   URL itself. Inside one nothing is escaped but an `&` that starts a character reference
#   (written `&amp;`: references are read there; `?a=1&b=2` stays as it is) and `|` (`\|`:
#   the table splits cells first). A value that is one URL is linked
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


def table(rows: Rows, fields: Sequence[str]) -> str:
    """``rows`` as a GFM table of ``fields``, a header row first."""
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
    return "<" + _REFERENCE.sub("&amp;", url).replace("|", "\\|") + ">"


# An & that starts what CommonMark reads as a character reference (&copy; &#169; &#xA9;): only
# that one is written &amp;, so query strings (?a=1&b=2) stay as they are in every renderer.
_REFERENCE = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")


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
