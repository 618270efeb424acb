"""Output for people: Rich tables and a partner sheet. The only module that imports Rich.

All data goes in as ``Text`` so that brackets and colons in the data print literally, and every
column folds rather than cutting a value off with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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


def table(listing: Listing, caption: str | None = None) -> Table:
    """A table of the listing's table fields (all selected fields after ``--fields``)."""
    fields = listing.table_fields or listing.fields
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
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value:
            grid.add_row(Text(label), Text(_text(value)))
    return grid


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
        sections = f" — {', '.join(source['sections'])}" if source["sections"] else ""
        parts.append(
            Text(
                f"{source['publisher']}, \u201c{source['title']}\u201d, updated {source['updated']}"
                f" [{source['grade']}]{sections}\n{source['url']}"
            )
        )
    return Group(*parts)
