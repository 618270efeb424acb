"""Output for people: Rich tables and a partner sheet. The only module that imports Rich.

All data goes in as ``Text`` so that brackets and colons in the data print literally, and every
column folds rather than cutting a value off with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from natopartners.models import GRADES
from natopartners.views import Listing, Row

HEADINGS = {"iso2": "ISO2", "iso3": "ISO3", "id": "ID"}


def make_console(*, stderr: bool = False) -> Console:
    """A console for this invocation: it reads COLUMNS, NO_COLOR, TERM and FORCE_COLOR now."""
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_text(item)}" for key, item in value.items() if item)
    return str(value)


def _heading(field: str) -> str:
    return HEADINGS.get(field, field.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Records:
    """A listing as a table where it fits, else one block per record: no word is ever split."""

    listing: Listing
    caption: str | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fields = self.listing.table_fields or self.listing.fields
        if options.max_width >= _table_width(self.listing, fields):
            yield table(self.listing, fields, self.caption)
        else:
            yield from _blocks(self.listing, fields)
            if self.caption:
                yield Text(self.caption)


def _table_width(listing: Listing, fields: tuple[str, ...]) -> int:
    """The narrowest width at which the table can wrap every cell between words."""

    def longest_word(texts: Iterable[str]) -> int:
        return max((len(word) for text in texts for word in text.split()), default=0)

    gaps = 2 * (len(fields) - 1)
    return gaps + sum(
        longest_word([_heading(f), *(_text(row[f]) for row in listing.rows)]) for f in fields
    )


def _blocks(listing: Listing, fields: tuple[str, ...]) -> Iterator[RenderableType]:
    head, *rest = fields
    for row in listing.rows:
        yield Text(_text(row[head]), style="bold cyan")
        yield _pairs((_heading(f), row[f]) for f in rest)
        yield Text("")


def table(listing: Listing, fields: tuple[str, ...], caption: str | None = None) -> Table:
    """A table of ``fields``; columns fold long values rather than cutting them."""
    grid = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        caption=Text(caption) if caption else None,
        caption_justify="left",
        expand=False,
    )
    for name in fields:
        grid.add_column(_heading(name), overflow="fold", style="cyan" if name == "id" else "")
    for row in listing.rows:
        grid.add_row(*(Text(_text(row[name])) for name in fields))
    return grid


def _pairs(pairs: Iterable[tuple[str, Any]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value:
            grid.add_row(Text(label), Text(_text(value)))
    return grid


def cite(source: Row) -> str:
    """A source as a reference line: publisher, title, date, grade, sections, then its URL."""
    updated = f", updated {source['updated']}" if source["updated"] else ""
    sections = f" \u2014 {', '.join(source['sections'])}" if source.get("sections") else ""
    grade = f"{source['grade']}: {GRADES.get(source['grade'], '')}"
    return (
        f"{source['publisher']}, \u201c{source['title']}\u201d{updated} [{grade}]{sections}\n"
        f"{source['url']}"
    )


def partner(detail: Row, names: dict[str, str], as_of: str) -> RenderableType:
    """One partner on one sheet: facts, summary, contributions, timeline and sources."""
    parts: list[RenderableType] = [
        Text.assemble((detail["name"], "bold"), f"  ({detail['official_name']})"),
        _pairs(
            [
                ("Relationship", detail["relationship"]),
                ("Programme", names.get(detail["programme"] or "", detail["programme"])),
                ("Region", f"{detail['region']} / {detail['subregion']}"),
                ("Codes", f"{detail['iso2']} / {detail['iso3']}"),
                ("Also known as", detail["aliases"]),
                ("Data as of", as_of),
            ]
        ),
        Text(""),
        Text(detail["summary"]),
    ]
    if detail["contributions"]:
        parts.append(Rule(Text("Contributions"), align="left"))
        for item in detail["contributions"]:
            operation = names.get(item["operation"] or "", "Not tied to a named operation")
            dates = "\u2013".join(d for d in (item["since"], item["until"]) if d)
            label = f"{operation} ({dates})" if dates else operation
            parts.append(Text.assemble((label, "bold"), "\n", item["summary"]))
    if detail["timeline"]:
        parts.append(Rule(Text("Timeline"), align="left"))
        parts.append(_pairs((entry["date"], entry["title"]) for entry in detail["timeline"]))
    parts.append(Rule(Text("Sources"), align="left"))
    for source in detail["cited_sources"]:
        parts.append(Text(cite(source)))
    return Group(*parts)
