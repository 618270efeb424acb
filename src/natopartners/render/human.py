"""Output for people: Rich tables, sheets, the timeline and its chart. The only module that
imports Rich.

All data goes in as ``Text`` so that brackets and colons in the data print literally, and every
column folds rather than cutting a value off with an ellipsis. Widths are measured in terminal
cells (``cell_len``), so wide characters count double.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from natopartners.render import assert_never
from natopartners.views import (
    MARK,
    Chart,
    CitedSource,
    ContributionView,
    DisputeView,
    Listing,
    OperationContribution,
    OperationSheet,
    PartnerSheet,
    PeriodView,
    TermSheet,
    Timeline,
    TimelineRow,
    View,
    when,
)
from natopartners.vocabulary import GRADES

HEADINGS = {"iso2": "ISO2", "iso3": "ISO3", "id": "ID", "url": "URL"}


def make_console(file: TextIO) -> Console:
    """A console for this invocation: it reads COLUMNS, NO_COLOR, TERM and FORCE_COLOR now."""
    return Console(file=file, highlight=False, emoji=False, markup=False)


def renderable(view: View) -> RenderableType:
    """What people see of ``view``."""
    match view:
        case PartnerSheet():
            return partner(view)
        case OperationSheet():
            return operation(view)
        case TermSheet():
            return term(view)
        case Timeline():
            grouped = timeline(view)
            return grouped if view.chart is None else ChartView(view.chart, grouped, view.caption)
        case Listing():
            return Records(view)
        case _:
            assert_never(view)


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

    listing: Listing[Any]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        listing = self.listing
        if not listing.rows:
            return
        fields = listing.columns or listing.fields
        cells = [[_heading(f), *(_text(row[f]) for row in listing.people)] for f in fields]
        widths = column_widths(cells, options.max_width)
        texts = [[Text(cell) for cell in column] for column in cells]
        for column, name in zip(texts, fields, strict=True):
            for text, span in zip(column[1:], listing.marks.get(name, ()), strict=False):
                if span:
                    text.stylize("bold reverse", *span)
        # The legend of values marked uncertain goes above the caption.
        caption = "\n".join([*listing.legend, *([listing.caption] if listing.caption else [])])
        if widths is not None:
            yield table(texts, widths, caption or None)
        else:
            yield from _blocks(texts)
            if caption:
                yield Text(caption)


GAP = 3  # between two columns: a space of padding each side of the (blank) divider


SHORT = 24  # cells: a value this long or shorter is a name, date or code, kept whole if it can


def column_widths(columns: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Widths, in cells, that fit ``width`` with no word broken, or None when none exist.

    Each column first gets its longest word (a URL longer than a fifth of the width folds).
    Then the columns of short values (names, dates, codes: none longer than ``SHORT``) get
    what they need to stay on one line, the least demanding first, while that fits; the
    columns of longer texts share the rest evenly, none getting more than it can use.
    """
    # A word longer than a fifth of the width (a URL, say) may fold rather than claim it all.
    longest = max(20, width // 5)
    least = [
        min(longest, max((cell_len(w) for text in column for w in text.split()), default=0))
        for column in columns
    ]
    most = [max(_longest_line(text) for text in column) for column in columns]
    spare = width - GAP * (len(columns) - 1) - sum(least)
    if spare < 0:
        return None
    widths = list(least)
    by_want = sorted(range(len(columns)), key=lambda i: most[i] - least[i])
    short = [i for i in by_want if most[i] <= SHORT]
    for i in short:
        if most[i] - least[i] <= spare:
            spare -= most[i] - widths[i]
            widths[i] = most[i]
    texts = [i for i in by_want if widths[i] < most[i]]
    for n, i in enumerate(texts):
        given = min(most[i] - widths[i], spare // (len(texts) - n))
        widths[i] += given
        spare -= given
    return widths


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _blocks(columns: Sequence[Sequence[Text]]) -> Iterator[RenderableType]:
    (_, *names), *rest = columns
    for i, name in enumerate(names, start=1):
        yield Text(name.plain, style="bold cyan")
        yield _pairs((column[0].plain, column[i]) for column in rest)
        yield Text("")


def table(columns: Sequence[Sequence[Text]], widths: list[int], caption: str | None) -> Table:
    """A table of ``columns`` (each its heading, then its cells) at the given widths; long
    values wrap between words."""
    grid = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        caption=Text(caption) if caption else None,
        caption_justify="left",
    )
    for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
        style = "cyan" if index == 0 else ""  # the column that names the record
        grid.add_column(column[0], width=width, overflow="fold", style=style)
    for cells in zip(*(column[1:] for column in columns), strict=True):
        grid.add_row(*cells)
    return grid


def _pairs(pairs: Iterable[tuple[str, Any]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value:
            grid.add_row(Text(label), value if isinstance(value, Text) else Text(_text(value)))
    return grid


def cite(source: CitedSource) -> RenderableType:
    """A source as a reference: publisher, title, date, grade, sections, then its URL on a
    line of its own, a hyperlink where the terminal supports them, so it opens whole even
    when folded to the width."""
    dated = [f"published {source['published']}"] if source["published"] else []
    dated += [f"updated {source['updated']}"] if source["updated"] else []
    when = f", {', '.join(dated)}" if dated else ""
    sections = f" \u2014 {', '.join(source['sections'])}" if source["sections"] else ""
    grade = f"{source['grade']}: {GRADES[source['grade']]}"
    reference = f"{source['publisher']}, \u201c{source['title']}\u201d{when} [{grade}]{sections}"
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
    return Group(*(Prose(part) if isinstance(part, Text) else part for part in parts))


@dataclass(frozen=True)
class Prose:
    """A text drawn line by line. Rich joins the lines of a wrapped ``Text`` into one string
    and then splits it again line by line, copying the rest each time: quadratic in the size
    of a long text. Each wrapped line rendered on its own keeps the cost linear."""

    text: Text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.text.wrap(console, options.max_width, overflow="fold")


def _closing(
    disputes: list[DisputeView],
    cited: list[CitedSource],
    entries: list[TimelineRow],
    legend: str | None,
) -> list[tuple[str, list[RenderableType]]]:
    """How every sheet ends: where sources differ, the sources, then the record's timeline."""
    return [
        ("Sources differ", _disputes(disputes)),
        ("Sources", [cite(source) for source in cited]),
        ("Timeline", _timeline(entries, legend)),
    ]


Dated = PeriodView | ContributionView | OperationContribution


def span(item: Dated, doubt: str | None = None, *, ended: bool = True) -> str:
    """When a period held, in words: "2009 to 2013", "from 2014-05-06", "from 2012-09,
    replaced on 2023-07-11", "attested from 2014-03-31"; empty when undated. Without
    ``ended``, only when it began. A start or end not yet certain gives way to ``doubt``, the
    views' words for it ("during 2023; not yet certain on 2023-01-01"), said last."""
    uncertain = item["uncertain"]
    dates = _span(item, ended=ended, began="start" not in uncertain, over="end" not in uncertain)
    return "; ".join(part for part in (dates, doubt) if part)


def _span(item: Dated, *, ended: bool, began: bool, over: bool) -> str:
    """``span`` of the certain dates: the start only if ``began``, the end if ``over``."""
    since = when(item["since"]) if began else None
    attested = when(item["attested"]) if began else None
    until = when(item["until"]) if ended and over else None
    replaced = when(item.get("replaced_on")) if ended and over else None  # type: ignore[arg-type]
    if until and item["until_inferred"]:
        until = f"{until} (inferred)"
    if until and item.get("suspended"):
        until = f"{until}, suspended"
    if since and until:
        return since if since == until else f"{since} to {until}"
    start = f"from {since}" if since else f"attested from {attested}" if attested else ""
    end = f"to {until}" if until else f"replaced on {replaced}" if replaced else ""
    if start and end:
        return f"{start}, {end}"
    return start or (f"until {until}" if until else end)


def _dated(heading: str, item: Dated, body: str | None, doubt: str | None) -> RenderableType:
    """A heading with when it held (and what of it is not yet certain), over its text."""
    dates = span(item, doubt)
    line = f"{heading} \u00b7 {dates}" if dates else heading
    return Text.assemble((_capitalised(line), "bold"), *(("\n", body) if body else ()))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _timeline(entries: list[TimelineRow], legend: str | None) -> list[RenderableType]:
    """A sheet's timeline: an entry that may fall after the day asked for marked, with the
    ``legend`` that says so."""
    if not entries:
        return []
    pairs = _pairs((_marked(e["date"], e["uncertain"]), e["title"]) for e in entries)
    return [pairs, Text(f"{MARK} {legend}", style="dim")] if legend else [pairs]


def _marked(value: str, uncertain: bool) -> str:
    return f"{value}{MARK}" if uncertain else value


def _disputes(found: list[DisputeView]) -> list[RenderableType]:
    return [
        Text.assemble(
            (f"{d['field']}: {d['value']}", "bold"), f" ({', '.join(d['sources'])})\n", d["summary"]
        )
        for d in found
    ]


def partner(view: PartnerSheet) -> RenderableType:
    """A partner: relationship, programme, region, codes, contributions, timeline, sources."""
    detail, names, doubts = view.record, view.names, view.doubts
    now = {
        p["kind"]: (p, doubts.get(f"history.{i}"))
        for i, p in enumerate(detail["history"])
        if p["value"] == detail[p["kind"]]  # type: ignore[literal-required]
    }
    hosted = [names.get(o, o) for o in detail["hosted_operations"]]
    facts = [
        (
            "Relationship",
            _now(*now.get("relationship", (None, None))) or f"none recorded as of {view.as_of}",
        ),
        ("Programme", _now(*now.get("programme", (None, None)))),
        ("Region", f"{detail['region']} / {detail['subregion']}"),
        ("Codes", f"{detail['iso2']} / {detail['iso3']}"),
        ("Also known as", detail["aliases"]),
        ("NATO operations on its territory", hosted),
        ("As of", view.as_of),
    ]
    history = [
        _dated(p["label"], p, p["note"], doubts.get(f"history.{i}"))
        for i, p in enumerate(detail["history"])
    ]
    contributions = [
        _dated(
            _heading_of(names.get(c["operation"] or ""), c["title"]), c, c["summary"],
            doubts.get(f"contributions.{i}"),
        )
        for i, c in enumerate(detail["contributions"])
    ]  # fmt: skip
    closing = _closing(
        detail["disputes"], detail["cited_sources"], detail["timeline"], doubts.get("timeline")
    )
    sections = [("Relationship and programme", history), ("Contributions", contributions)]
    return sheet(
        detail["name"], detail["official_name"], facts, detail["summary"], [*sections, *closing],
        view.note,
    )  # fmt: skip


def _heading_of(*parts: str | None) -> str:
    """A contribution's heading: whose or which operation's it is, and what it was."""
    return ": ".join(part for part in parts if part) or "Contribution"


def _now(period: PeriodView | None, doubt: str | None) -> str | None:
    """The relationship or programme in force, with when it began (or ``doubt``)."""
    if period is None:
        return None
    start = span(period, doubt, ended=False)
    label = _capitalised(period["label"])
    return f"{label}, {start}" if start else label


def operation(view: OperationSheet) -> RenderableType:
    """An operation: theatre, dates, the partners that took part, timeline, sources."""
    detail, names, as_of, doubts = view.record, view.names, view.as_of, view.doubts
    if "end" in doubts:
        end = doubts["end"]
    elif detail["end"]:
        end = detail["end"]
    elif detail["status"] == "not-begun":
        end = f"not begun as of {as_of}"
    elif detail["ended_by"]:
        end = f"not dated by the sources; over by {detail['ended_by']}"
    else:
        end = f"none given (ongoing as of {as_of})"
    facts = [
        ("Acronym", detail["acronym"]),
        ("Theatre", detail["theatre"]),
        ("Start", doubts.get("start") or detail["start"] or "not given by the sources"),
        ("End", end),
        ("As of", as_of),
    ]
    partners = [
        _dated(
            _heading_of(names.get(c["partner"], c["partner"]), c["title"]), c, c["summary"],
            doubts.get(f"contributions.{i}"),
        )
        for i, c in enumerate(detail["contributions"])
    ]  # fmt: skip
    closing = _closing(
        detail["disputes"], detail["cited_sources"], detail["timeline"], doubts.get("timeline")
    )
    return sheet(
        detail["name"], None, facts, detail["summary"], [("Partners", partners), *closing],
        view.note,
    )  # fmt: skip


def term(view: TermSheet) -> RenderableType:
    """A glossary term: acronym, summary, the events that name it, sources."""
    detail = view.record
    return sheet(
        detail["name"],
        detail["acronym"],
        [("Id", detail["id"]), ("As of", view.as_of)],
        detail["summary"],
        _closing([], detail["cited_sources"], detail["timeline"], view.doubts.get("timeline")),
        view.note,
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
EARLIER = "\u25c2"  # ◂ at the left edge: events before the axis begins


def _period_of(date: str) -> str:
    """The heading an entry goes under: its year, or its decade for dates such as 1990s."""
    return date if date.endswith("s") else date[:4]


def _first_sentence(text: str) -> str:
    head, dot, rest = text.partition(". ")
    return head + "." if dot and rest else text


@dataclass(frozen=True)
class Legend:
    """Items such as "▲ summit", packed into lines that fit, never split inside an item."""

    items: list[tuple[str, str, str]]  # marker, its style, label
    indent: int = 0
    title: str | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        lines: list[Text] = [Text(self.title)] if self.title else []
        for marker, style, label in self.items:
            item = Text.assemble((marker, style), " ", label)
            if lines and lines[-1].cell_len + 2 + item.cell_len <= width:
                lines[-1].append(" " if lines[-1].plain == self.title else "  ").append_text(item)
            else:
                lines.append(item)
        for line in lines:
            yield Padding(line, (0, 0, 0, self.indent))


def timeline(view: Timeline) -> RenderableType:
    """Entries under their year (or decade), each kind in its colour, with a legend."""
    rows, shown = view.rows, view.people
    kinds = [k for k in KIND_STYLES if any(row["kind"] == k for row in rows)]
    legend = Legend([("\u25a0", KIND_STYLES[k], k) for k in kinds], title="Kinds:")
    parts: list[RenderableType] = [legend] if kinds else []
    heading = None
    for row, people in zip(rows, shown, strict=True):
        if _period_of(row["date"]) != heading:
            heading = _period_of(row["date"])
            parts.append(Rule(Text(heading, style="bold"), align="left"))
        entry = Text.assemble(
            (people["date"], "bold"), "  ", (row["kind"], KIND_STYLES.get(row["kind"], "")), "  ",
            (row["title"], "bold"),
        )  # fmt: skip
        involved = [
            f"{label}: {', '.join(people[field])}"
            for label, field in (("Partners", "partners"), ("Operations", "operations"))
            if people[field]
        ]
        if involved:
            entry.append("\n" + "; ".join(involved), style="italic")
        differ = row["sources_differ"]
        if row["summary"]:  # whole when sources differ, so the reader sees what they dispute
            summary = row["summary"] if differ else _first_sentence(row["summary"])
            entry.append("\n" + summary, style="dim")
        for text in differ:
            entry.append("\nSources differ: ", style="bold").append(text, style="dim")
        parts += [Padding(entry, (0, 0, 1, 2))]
    parts += [Text(line) for line in view.legend]
    if view.caption:
        parts.append(Text(view.caption))
    return Group(*parts)


ONGOING = " ongoing"
MIN_CHART = 30  # columns of axis below which the chart would be unreadable
MIN_LABEL = 12  # the label column's least width


@dataclass(frozen=True)
class ChartView:
    """Operations as bars on a time axis, event markers below; a list when too narrow.

    The label column is as wide as the longest label, up to a third of the width, so a wide
    terminal shows long operation names on one line."""

    chart: Chart
    fallback: RenderableType
    caption: str | None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        chart = self.chart
        width = options.max_width
        longest = max((cell_len(bar.label) for bar in chart.bars), default=0)
        label_width = max(MIN_LABEL, min(longest + 1, width // 3))
        span = width - label_width - 1 - len(ONGOING)
        if span < MIN_CHART or chart.last <= chart.first:
            if span < MIN_CHART:
                needed = MIN_LABEL + 1 + len(ONGOING) + MIN_CHART
                yield Text(f"The chart needs {needed} columns; the timeline as a list:", "italic")
            yield self.fallback
            return
        days = (chart.last - chart.first).days or 1

        def column(day: dt.date) -> int:
            return min(span - 1, max(0, (day - chart.first).days * (span - 1) // days))

        ticks = _ticks(chart.first.year, chart.last.year, column, span)
        yield Text.assemble(" " * (label_width + 1), (ticks, "bold"))
        for bar in chart.bars:
            left, right = column(bar.start), column(bar.end or chart.last)
            # A label longer than its column wraps: the bar goes on its first line.
            label, *more = _wrap(bar.label, label_width - 1)
            line = Text(label + " " * (label_width + 1 - cell_len(label)))
            line.append(" " * left)
            line.append("\u2588" * max(1, right - left + 1), style="red" if bar.end else "green")
            if bar.end is None:
                line.append(ONGOING, style="green")
            yield line
            yield from (Text(rest) for rest in more)
            if bar.partners:
                yield Padding(
                    Text(", ".join(bar.partners), style="dim"), (0, 0, 0, label_width + 1)
                )
        axis = [" "] * span
        styles: list[str] = [""] * span
        for day, kind in chart.markers:
            axis[column(day)] = KIND_GLYPHS.get(kind, "\u25b2")
            styles[column(day)] = KIND_STYLES.get(kind, "")
        if chart.earlier:
            axis[0], styles[0] = EARLIER, "bold"
        marks = Text("events".ljust(label_width + 1))
        for char, style in zip(axis, styles, strict=True):
            marks.append(char, style=style)
        yield marks
        kinds = dict.fromkeys(kind for _, kind in chart.markers)
        items = [(KIND_GLYPHS.get(k, "\u25b2"), KIND_STYLES.get(k, ""), k) for k in kinds]
        if chart.earlier:
            items.append((EARLIER, "bold", f"{chart.earlier} earlier (see the list)"))
        yield Legend(items, indent=label_width + 1)
        if chart.undated:
            yield Text(f"Not drawn, the sources give no start: {', '.join(chart.undated)}.")
        if self.caption:
            yield Text(self.caption)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words where possible."""
    lines = Text(text).wrap(Console(width=max(1, width)), max(1, width), overflow="fold")
    return [line.plain.rstrip() for line in lines] or [""]


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
