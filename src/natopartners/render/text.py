"""Plain text for people in a pipe (``| less``, ``| grep``): what a sheet or a table says, with
no colour, no box and no wrapping, one fact a line. The standard library only.

A sheet reads as its title, ``Label: value`` lines, the summary as one paragraph, then each
section under its title, items indented under it; a listing as one block of ``Heading:
value`` lines per record. The words are those of the terminal's sheets and tables
(``words``), so the two never say different things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from natopartners import words

if TYPE_CHECKING:
    from natopartners.views import View

INDENT = "  "


def render(view: View) -> str:
    """``view`` as plain text, ending in a newline."""
    from natopartners.views import Sheet

    lines = _document(words.document(view)) if isinstance(view, Sheet) else _table(view)
    return "".join(f"{line.rstrip()}\n" for line in lines)


def _document(document: words.Document) -> list[str]:
    title = document.title
    if document.subtitle:
        title += f" ({document.subtitle})"
    lines = [title, *(f"{label}: {value}" for label, value in document.facts), ""]
    if document.note:
        lines += [document.note, ""]
    if document.summary:
        lines += [*_paragraphs(document.summary), ""]
    for section in document.sections:
        if not section.blocks:
            continue
        lines.append(section.title)
        for block in section.blocks:
            lines += _block(block)
        if section.legend:
            lines.append(INDENT + section.legend)
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _block(block: words.Block) -> list[str]:
    if isinstance(block, words.Item):
        return [
            INDENT + block.heading,
            *(INDENT * 2 + p for b in block.body for p in _paragraphs(b)),
        ]
    if isinstance(block, words.Cite):
        return [INDENT + block.reference, INDENT * 2 + block.url]
    return [f"{INDENT}{label}  {value}" for label, value in block.rows]


def _paragraphs(text: str) -> list[str]:
    """A text's lines, each kept whole (a newline in the data is a line break)."""
    return text.splitlines() or [""]


def _table(view: View) -> list[str]:
    table = words.table(view)
    lines: list[str] = []
    for row in table.rows:
        lines += [
            f"{heading}: {cell}" for heading, cell in zip(table.headings, row, strict=True) if cell
        ]
        lines.append("")
    return [*lines, *table.notes]
