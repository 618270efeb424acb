"""Output for people: Rich tables and a partner sheet. The only module that imports Rich.

All data goes in as ``Text`` so that brackets and colons in the data print literally, and every
column folds rather than cutting a value off with an ellipsis.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from natopartners.views import Listing, Row
from natopartners.vocabulary import GRADES

HEADINGS = {"iso2": "ISO2", "iso3": "ISO3", "id": "ID", "url": "URL"}


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
        widths = column_widths(self.listing, fields, options.max_width)
        if widths is not None:
            yield table(self.listing, fields, widths, self.caption)
        else:
            yield from _blocks(self.listing, fields)
            if self.caption:
                yield Text(self.caption)


GAP = 3  # between two columns: a space of padding each side of the (blank) divider


def column_widths(listing: Listing, fields: tuple[str, ...], width: int) -> list[int] | None:
    """Widths that fit ``width`` with no word broken, or None when no such widths exist.

    Each column gets its longest word; what is left goes to the columns that want more, in
    proportion to how much more they want.
    """
    cells = [[_heading(f), *(_text(row[f]) for row in listing.rows)] for f in fields]
    least = [max((len(w) for text in column for w in text.split()), default=0) for column in cells]
    most = [
        max(max(len(line) for line in text.splitlines() or [""]) for text in column)
        for column in cells
    ]
    room = width - GAP * (len(fields) - 1)
    spare = room - sum(least)
    if spare < 0:
        return None
    wants = [m - n for m, n in zip(most, least, strict=True)]
    wanted = sum(wants)
    if wanted <= spare:
        return most
    widths = [n + want * spare // wanted for n, want in zip(least, wants, strict=True)]
    return widths


def _blocks(listing: Listing, fields: tuple[str, ...]) -> Iterator[RenderableType]:
    head, *rest = fields
    for row in listing.rows:
        yield Text(_text(row[head]), style="bold cyan")
        yield _pairs((_heading(f), row[f]) for f in rest)
        yield Text("")


def table(
    listing: Listing, fields: tuple[str, ...], widths: list[int], caption: str | None = None
) -> Table:
    """A table of ``fields`` at the given column widths; long values wrap between words."""
    grid = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        caption=Text(caption) if caption else None,
        caption_justify="left",
    )
    for index, (name, width) in enumerate(zip(fields, widths, strict=True)):
        style = "cyan" if index == 0 else ""  # the column that names the record
        grid.add_column(_heading(name), width=width, overflow="fold", style=style)
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


def cite(source: Row) -> RenderableType:
    """A source as a reference: publisher, title, date, grade, sections, then its URL on a
    line of its own, a hyperlink where the terminal supports them, so it opens whole even
    when folded to the width."""
    updated = f", updated {source['updated']}" if source["updated"] else ""
    sections = f" \u2014 {', '.join(source['sections'])}" if source.get("sections") else ""
    grade = f"{source['grade']}: {GRADES.get(source['grade'], '')}"
    reference = f"{source['publisher']}, \u201c{source['title']}\u201d{updated} [{grade}]{sections}"
    url = source["url"]
    return Group(Text(reference), Text(url, style=Style(link=url), overflow="fold"))


def sheet(
    title: str,
    subtitle: str | None,
    facts: Iterable[tuple[str, Any]],
    summary: str,
    sections: Iterable[tuple[str, list[RenderableType]]],
    note: str | None = None,
) -> RenderableType:
    """One record on one sheet: title, facts, summary (after ``note``, if any), then each
    titled section that has text."""
    heading = Text(title, style="bold")
    if subtitle and subtitle != title:
        heading.append(f"  ({subtitle})")
    parts: list[RenderableType] = [heading, _pairs(facts), Text("")]
    if note:
        parts.append(Text(note, style="italic"))
    parts.append(Text(summary))
    for name, body in sections:
        if body:
            parts += [Text(""), Rule(Text(name, style="bold"), align="left"), *body]
    return Group(*parts)


def _closing(detail: Row) -> list[tuple[str, list[RenderableType]]]:
    """How every sheet ends: where sources differ, the sources, then the record's timeline."""
    disputes = _disputes(detail.get("disputes", []))
    cited = [cite(source) for source in detail["cited_sources"]]
    return [
        ("Sources differ", disputes),
        ("Sources", cited),
        ("Timeline", _timeline(detail["timeline"])),
    ]


def span(item: Row) -> str:
    """When a period held, in words: "2009 to 2013", "from 2014-05-06", "from 2012-09,
    replaced on 2023-07-11", "attested from 2014-03-31"; empty when undated."""
    since, attested, until, replaced = (
        _when(item.get(key)) for key in ("since", "attested", "until", "replaced_on")
    )
    if item.get("suspended"):
        until = f"{until}, suspended"
    if since and until:
        return since if since == until else f"{since} to {until}"
    start = f"from {since}" if since else f"attested from {attested}" if attested else ""
    end = f"to {until}" if until else f"replaced on {replaced}" if replaced else ""
    if start and end:
        return f"{start}, {end}"
    return start or (f"until {until}" if until else end)


def _when(date: str | None) -> str | None:
    """A date for a sentence: a decade reads "the 1990s"."""
    return f"the {date}" if date and date.endswith("s") else date


def _contributions(items: list[Row], label: Callable[[Row], str]) -> list[RenderableType]:
    """Each contribution as its label (with when it held, if known) over its summary."""
    shown: list[RenderableType] = []
    for item in items:
        dates = span(item)
        heading = f"{label(item)} \u00b7 {dates}" if dates else label(item)
        shown.append(Text.assemble((heading, "bold"), "\n", item["summary"]))
    return shown


def _history(periods: list[Row]) -> list[RenderableType]:
    """Each relationship and programme with when it held, over its note."""
    shown: list[RenderableType] = []
    for item in periods:
        dates = span(item)
        heading = f"{item['label']} \u00b7 {dates}" if dates else item["label"]
        note = ("\n", item["note"]) if item["note"] else ""
        shown.append(Text.assemble((_capitalised(heading), "bold"), *note))
    return shown


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _timeline(entries: list[Row]) -> list[RenderableType]:
    return [_pairs((e["date"], e["title"]) for e in entries)] if entries else []


def _disputes(found: list[Row]) -> list[RenderableType]:
    return [
        Text.assemble(
            (f"{d['field']}: {d['value']}", "bold"), f" ({', '.join(d['sources'])})\n", d["summary"]
        )
        for d in found
    ]


def partner(
    detail: Row, names: dict[str, str], as_of: str, note: str | None = None
) -> RenderableType:
    """A partner: relationship, programme, region, codes, contributions, timeline, sources."""
    contributions = _contributions(
        detail["contributions"],
        lambda item: names.get(item["operation"] or "", "No named operation"),
    )
    now = {
        item["kind"]: item for item in detail["history"] if item["value"] == detail[item["kind"]]
    }
    facts = [
        ("Relationship", _now(now.get("relationship")) or f"none recorded as of {as_of}"),
        ("Programme", _now(now.get("programme"))),
        ("Region", f"{detail['region']} / {detail['subregion']}"),
        ("Codes", f"{detail['iso2']} / {detail['iso3']}"),
        ("Also known as", detail["aliases"]),
        ("As of", as_of),
    ]
    return sheet(
        detail["name"],
        detail["official_name"],
        facts,
        detail["summary"],
        [
            ("Relationship and programme", _history(detail["history"])),
            ("Contributions", contributions),
            *_closing(detail),
        ],
        note,
    )


def _now(period: Row | None) -> str | None:
    """The relationship or programme in force, with when it began."""
    if period is None:
        return None
    start = span({**period, "until": None, "replaced_on": None})
    label = _capitalised(period["label"])
    return f"{label}, {start}" if start else label


def _unended(detail: Row, as_of: str) -> str:
    if detail["status"] == "not-begun":
        return f"not begun as of {as_of}"
    if detail["ended_by"]:
        return f"not dated by the sources; over by {detail['ended_by']}"
    return f"none given (ongoing as of {as_of})"


def operation(
    detail: Row, names: dict[str, str], as_of: str, note: str | None = None
) -> RenderableType:
    """An operation: theatre, dates, the partners that took part, timeline, sources."""
    contributions = _contributions(
        detail["contributions"], lambda item: names.get(item["partner"], str(item["partner"]))
    )
    facts = [
        ("Acronym", detail["acronym"]),
        ("Theatre", detail["theatre"]),
        ("Start", detail["start"] or "not given by the sources"),
        ("End", detail["end"] or _unended(detail, as_of)),
        ("As of", as_of),
    ]
    return sheet(
        detail["name"],
        None,
        facts,
        detail["summary"],
        [("Partners", contributions), *_closing(detail)],
        note,
    )


def term(detail: Row, as_of: str, note: str | None = None) -> RenderableType:
    """A glossary term: acronym, summary, the events that name it, sources."""
    return sheet(
        detail["name"],
        detail["acronym"],
        [("Id", detail["id"]), ("As of", as_of)],
        detail["summary"],
        _closing(detail),
        note,
    )


KIND_STYLES = {
    "dialogue": "green",
    "policy": "yellow",
    "summit": "magenta",
    "ministerial": "blue",
    "relationship": "cyan",
    "programme": "bright_cyan",
    "operation": "red",
    "contribution": "bright_black",
}


# The chart's event markers: a shape per kind, so they read without colour too.
KIND_GLYPHS = {
    "dialogue": "\u25cf",  # ●
    "policy": "\u25c6",  # ◆
    "summit": "\u25b2",  # ▲
    "ministerial": "\u25bc",  # ▼
    "relationship": "\u25c7",  # ◇
    "programme": "\u25cb",  # ○
    "operation": "\u25a0",  # ■
    "contribution": "+",
}


def _period_of(date: str) -> str:
    """The heading an entry goes under: its year, or its decade for dates such as 1990s."""
    return date if date.endswith("s") else date[:4]


def _first_sentence(text: str) -> str:
    head, dot, rest = text.partition(". ")
    return head + "." if dot and rest else text


def timeline(listing: Listing, names: dict[str, str], caption: str) -> RenderableType:
    """Entries under their year (or decade), each kind in its colour, with a legend."""
    rows = listing.rows
    kinds = [k for k in KIND_STYLES if any(row["kind"] == k for row in rows)]
    legend = Text("Kinds: ")
    for kind in kinds:
        legend.append("\u25a0 ", style=KIND_STYLES[kind]).append(f"{kind}  ")
    parts: list[RenderableType] = [legend]
    heading = None
    for row in rows:
        if _period_of(row["date"]) != heading:
            heading = _period_of(row["date"])
            parts.append(Rule(Text(heading, style="bold"), align="left"))
        entry = Text.assemble(
            (row["date"], "bold"), "  ", (row["kind"], KIND_STYLES.get(row["kind"], "")), "  ",
            (row["title"], "bold"),
        )  # fmt: skip
        involved = [
            f"{label}: {', '.join(names.get(i, i) for i in row[field])}"
            for label, field in (("Partners", "partners"), ("Operations", "operations"))
            if row[field]
        ]
        if involved:
            entry.append("\n" + "; ".join(involved), style="italic")
        differ = row.get("sources_differ", [])
        if row["summary"]:  # whole when sources differ, so the reader sees what they dispute
            summary = row["summary"] if differ else _first_sentence(row["summary"])
            entry.append("\n" + summary, style="dim")
        for text in differ:
            entry.append("\nSources differ: ", style="bold").append(text, style="dim")
        parts += [Padding(entry, (0, 0, 1, 2))]
    parts.append(Text(caption))
    return Group(*parts)


@dataclass(frozen=True)
class Bar:
    """One operation on the chart: its label, first and last day, and who took part."""

    label: str
    start: dt.date
    end: dt.date | None
    partners: list[str]


LABEL_WIDTH = 22
ONGOING = " ongoing"
MIN_CHART = 30  # columns of axis below which the chart would be unreadable


@dataclass(frozen=True)
class Chart:
    """Operations as bars on a time axis, event markers below; a list when too narrow."""

    bars: list[Bar]
    markers: list[tuple[dt.date, str]]
    first: dt.date
    last: dt.date
    undated: list[str]
    fallback: RenderableType
    caption: str

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        span = options.max_width - LABEL_WIDTH - 1 - len(ONGOING)
        if span < MIN_CHART or self.last <= self.first:
            if span < MIN_CHART:
                needed = LABEL_WIDTH + 1 + len(ONGOING) + MIN_CHART
                yield Text(f"The chart needs {needed} columns; the timeline as a list:", "italic")
            yield self.fallback
            return
        days = (self.last - self.first).days or 1

        def column(day: dt.date) -> int:
            return min(span - 1, max(0, (day - self.first).days * (span - 1) // days))

        ticks = _ticks(self.first.year, self.last.year, column, span)
        yield Text.assemble(" " * (LABEL_WIDTH + 1), (ticks, "bold"))
        for bar in self.bars:
            left, right = column(bar.start), column(bar.end or self.last)
            # A long name wraps in the label column: the bar goes on its first line.
            label, *more = textwrap.wrap(bar.label, LABEL_WIDTH - 1) or [""]
            line = Text(f"{label:<{LABEL_WIDTH}} ")
            line.append(" " * left)
            line.append("\u2588" * max(1, right - left + 1), style="red" if bar.end else "green")
            if bar.end is None:
                line.append(ONGOING, style="green")
            yield line
            yield from (Text(rest) for rest in more)
            if bar.partners:
                yield Padding(
                    Text(", ".join(bar.partners), style="dim"), (0, 0, 0, LABEL_WIDTH + 1)
                )
        axis = [" "] * span
        styles: list[str] = [""] * span
        for day, kind in self.markers:
            axis[column(day)] = KIND_GLYPHS.get(kind, "\u25b2")
            styles[column(day)] = KIND_STYLES.get(kind, "")
        marks = Text(f"{'events':<{LABEL_WIDTH}} ")
        for char, style in zip(axis, styles, strict=True):
            marks.append(char, style=style)
        yield marks
        legend = Text()
        for kind in dict.fromkeys(kind for _, kind in self.markers):
            glyph = KIND_GLYPHS.get(kind, "\u25b2")
            legend.append(f"{glyph} ", style=KIND_STYLES.get(kind, "")).append(f"{kind}  ")
        yield Padding(legend, (0, 0, 0, LABEL_WIDTH + 1))
        if self.undated:
            yield Text(f"Not drawn, the sources give no start: {', '.join(self.undated)}.")
        yield Text(self.caption)


def _ticks(first: int, last: int, column: Callable[[dt.date], int], span: int) -> str:
    """Year labels along the axis, as many as fit without touching."""
    axis = [" "] * span
    fits = [s for s in (1, 2, 5, 10, 20, 50, 100) if (last - first) // s * 6 <= span]
    step = fits[0] if fits else 100
    year = first + (-first % step)
    while year <= last:
        at = column(dt.date(year, 1, 1))
        label = str(year)
        if at + len(label) <= span and all(
            c == " " for c in axis[max(0, at - 1) : at + len(label)]
        ):
            axis[at : at + len(label)] = label
        year += step
    return "".join(axis).rstrip()
