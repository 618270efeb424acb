"""Output for people on a terminal: tables, sheets, the timeline and its chart. The only module
that imports Rich, and only for what a terminal needs: whether and how to colour
(``Console``: ``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``), escape codes for a style
(``Style.render``) and the width of a character in cells (``cell_len``).

Lines are laid out here, in time linear in what is shown: a value wraps between words (a word
longer than its column folds; a URL on a sheet stays whole on its line, so it can be copied
and opened), no value is cut off with an ellipsis, no line ends in spaces. The words come from
``words``; text from the data is never read as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple, TextIO

from rich.cells import cell_len, chop_cells
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

from natopartners import views, words
from natopartners.render import assert_never
from natopartners.rows import TimelineRow

Segment = tuple[str, str]  # text and its style ("" for none)
Line = list[Segment]


def write(view: views.View, out: TextIO, width: int) -> list[str]:
    """Write ``view`` to ``out`` for a person, ``width`` columns wide; returns the notes that
    belong on stderr (why a chart was not drawn, say)."""
    console = Console(file=out, width=width, highlight=False, emoji=False, markup=False)
    notes: list[str] = []
    match view:
        case views.PartnerSheet() | views.OperationSheet() | views.TermSheet():
            lines = sheet(words.document(view), width)
        case views.Timeline():
            lines = timeline(view, width, notes)
        case (
            views.Partners()
            | views.Operations()
            | views.Terms()
            | views.Sources()
            | views.Hits()
            | views.Selected()
        ):
            lines = records(words.table(view), width)
        case _:
            assert_never(view)
    _emit(console, lines)
    return notes


_STYLES: dict[str, Style] = {}
_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}


def _emit(console: Console, lines: Iterable[Line]) -> None:
    """Write the lines, each segment in its style where the console shows colour; a line's
    trailing spaces are dropped."""
    system = _SYSTEMS.get(console.color_system or "")
    plain = console.no_color
    chunks: list[str] = []
    for line in lines:
        while line and not line[-1][0].rstrip():
            line = line[:-1]
        if line:
            text, style = line[-1]
            line = [*line[:-1], (text.rstrip(), style)]
        for text, style in line:
            if style and system is not None:
                found = _STYLES.get(style)
                if found is None:
                    found = _STYLES[style] = _style(style)
                if plain:  # NO_COLOR: bold and the like, but no colour
                    found = found.without_color
                chunks.append(found.render(text, color_system=system))
            else:
                chunks.append(text)
        chunks.append("\n")
        if len(chunks) > 4096:  # written as it comes: a large table shows as it is made
            console.file.write("".join(chunks))
            chunks = []
    console.file.write("".join(chunks))


def _style(spec: str) -> Style:
    """A style from its spec; ``link URL`` links the text (OSC 8) where a terminal can."""
    if spec.startswith("link "):
        return Style(link=spec.removeprefix("link "))
    return Style.parse(spec)


# --- Wrapping ---------------------------------------------------------------------------------


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words; a word longer than
    that folds. A newline in the text is a line break; other runs of spaces are one space."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words_ = paragraph.split()
        if not words_:
            lines.append("")
        elif paragraph.isascii():
            lines += _wrap_ascii(" ".join(words_), width)
        else:
            lines += _wrap_cells(words_, width)
    return lines


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _wrap_ascii(text: str, width: int) -> list[str]:
    """One pass of a regular expression: a line is as many words as fit, or ``width``
    characters of a word longer than that."""
    if len(text) <= width:
        return [text]
    pattern = _PATTERNS.get(width)
    if pattern is None:
        pattern = _PATTERNS[width] = re.compile(rf"\S.{{0,{width - 1}}}(?= |$)|\S{{1,{width}}}")
    return pattern.findall(text)


def _wrap_cells(words_: Sequence[str], width: int) -> list[str]:
    """Greedy wrapping measured in terminal cells (wide characters count two)."""
    lines: list[str] = []
    line, used = "", 0
    for word in words_:
        size = cell_len(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        if size <= width:
            line, used = word, size
        else:
            *folded, line = chop_cells(word, width)
            lines += folded
            used = cell_len(line)
    lines.append(line)
    return lines


def _len(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _len(text))


# --- Tables -----------------------------------------------------------------------------------

GAP = 3  # between two columns
SAMPLE = 2000  # rows whose lengths set the widths of a larger table


def records(table: words.Table, width: int) -> list[Line]:
    """A listing as a table where it fits, else one block per record; then its notes."""
    if table.empty:
        return []
    widths = column_widths(table, width)
    lines = _table(table, widths) if widths is not None else _blocks(table, width)
    return [*lines, *([(line, "")] for note in table.notes for line in wrap(note, width))]


def column_widths(table: words.Table, width: int) -> list[int] | None:
    """Widths, in cells, that fit ``width`` with no word broken, or None when none exist.

    Each column needs its longest word (a URL longer than a fifth of the width may fold) and
    wants its longest value. Where all cannot have what they want, the columns give up width
    one cell at a time, each time the one whose cells grow by the fewest lines for it (counted
    over up to ``SAMPLE`` rows): a column of short names keeps them whole, a title column takes
    the room a column of mostly short values with one long one leaves.
    """
    columns = list(zip(table.headings, *table.rows, strict=True))
    longest = max(20, width // 5)
    least = [min(longest, max(_longest_word(text) for text in column)) for column in columns]
    most = [max(max(map(_len, text.split("\n"))) for text in column) for column in columns]
    room = width - GAP * (len(columns) - 1)
    if sum(least) > room:
        return None
    widths = [max(a, b) for a, b in zip(least, most, strict=True)]
    step = max(1, len(table.rows) // SAMPLE)
    lengths = [
        _histogram(text for row in table.rows[::step] for text in [row[i]])
        for i in range(len(columns))
    ]
    excess = sum(widths) - room
    costs = [
        _cost(lengths[i], widths[i]) if widths[i] > least[i] else None for i in range(len(columns))
    ]
    while excess > 0:
        candidates = [(cost, -widths[i], i) for i, cost in enumerate(costs) if cost is not None]
        _, _, i = min(candidates)
        widths[i] -= 1
        excess -= 1
        costs[i] = _cost(lengths[i], widths[i]) if widths[i] > least[i] else None
    return widths


def _longest_word(text: str) -> int:
    return max((_len(word) for word in text.split()), default=0)


def _histogram(texts: Iterable[str]) -> dict[int, int]:
    """How many texts (lines of them) have each length."""
    counts: dict[int, int] = {}
    for text in texts:
        for line in text.split("\n"):
            size = _len(line)
            counts[size] = counts.get(size, 0) + 1
    return counts


def _cost(lengths: dict[int, int], width: int) -> int:
    """How many more lines the texts take at ``width - 1`` cells than at ``width``."""
    narrower = width - 1
    return sum(
        count * (-(-size // narrower) - -(-size // width))
        for size, count in lengths.items()
        if size > narrower
    )


def _table(table: words.Table, widths: list[int]) -> Iterator[Line]:
    """The heading row (bold), a rule, then each row, every cell wrapped to its column."""
    yield from _row(table.headings, widths, lambda i: "bold", {})
    yield [((" " * GAP).join("\u2500" * w for w in widths), "")]
    # One column of texts (--fields summary) has no first cell to show where a row begins.
    apart = len(widths) == 1 and any(len(wrap(row[0], widths[0])) > 1 for row in table.rows)
    marks: dict[int, dict[int, tuple[int, int]]] = {}  # by row, then by column
    for (at, i), span in table.marks.items():
        marks.setdefault(at, {})[i] = span
    for r, row in enumerate(table.rows):
        if apart and r:
            yield []
        yield from _row(row, widths, lambda i: "cyan" if i == 0 else "", marks.get(r, {}))


def _row(
    row: Sequence[str],
    widths: Sequence[int],
    style: Callable[[int], str],
    marks: dict[int, tuple[int, int]],
) -> Iterator[Line]:
    """One row of cells, as many lines as its tallest cell; a cell's marked span (what a
    search matched) in reverse video, on each line the span falls on."""
    cells = [wrap(cell, w) if cell else [""] for cell, w in zip(row, widths, strict=True)]
    spans = {i: _spread(row[i], cells[i], span) for i, span in marks.items()}
    last = len(widths) - 1
    for n in range(max(len(c) for c in cells)):
        line: Line = []
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            text = cell[n] if n < len(cell) else ""
            span = spans[i][n] if i in spans and n < len(spans[i]) else None
            line += _marked(text, span, style(i)) if span else [(text, style(i))]
            if i < last:
                line.append((" " * (w - _len(text) + GAP), ""))
        yield line


def _spread(text: str, lines: Sequence[str], span: tuple[int, int]) -> list[tuple[int, int] | None]:
    """The part of ``span`` (offsets into ``text``) that falls on each of its wrapped lines."""
    found: list[tuple[int, int] | None] = []
    at = 0
    for line in lines:
        start = text.find(line, at) if line else at
        if start < 0:  # the wrap joined spaces: no offsets to map
            return []
        first, last = max(span[0], start), min(span[1], start + len(line))
        found.append((first - start, last - start) if first < last else None)
        at = start + len(line)
    return found


def _marked(text: str, span: tuple[int, int], style: str) -> list[Segment]:
    """``text`` with the span a search matched in reverse video."""
    first, last = span
    return [(text[:first], style), (text[first:last], "bold reverse"), (text[last:], style)]


def _blocks(table: words.Table, width: int) -> Iterator[Line]:
    """One block per record, for a terminal too narrow for the table: the first cell as its
    heading, then each other heading and value."""
    label = (
        min(max(_len(h) for h in table.headings[1:]), width // 3) if len(table.headings) > 1 else 0
    )
    for row in table.rows:
        yield from ([(line, "bold cyan")] for line in wrap(row[0], width))
        for heading, cell in zip(table.headings[1:], row[1:], strict=True):
            if cell:
                yield from _pair(heading, cell, label, width)
        yield []


def _pair(label: str, value: str, label_width: int, width: int) -> Iterator[Line]:
    """A label and its value side by side, the value wrapped in the rest of the width (both
    fold rather than end in an ellipsis)."""
    labels = wrap(label, label_width)
    values = wrap(value, max(1, width - label_width - 2))
    for n in range(max(len(labels), len(values))):
        left = labels[n] if n < len(labels) else ""
        right = values[n] if n < len(values) else ""
        yield [(_pad(left, label_width) + "  ", "bold"), (right, "")]


# --- Sheets -----------------------------------------------------------------------------------


def sheet(document: words.Document, width: int) -> list[Line]:
    """One record: its title, facts, note, summary, then each section that has text."""
    title: Line = [(document.title, "bold")]
    if document.subtitle:
        title.append((f"  ({document.subtitle})", ""))
    lines: list[Line] = [title]
    label = min(max((_len(k) for k, _ in document.facts), default=0), max(8, width // 3))
    for key, value in document.facts:
        lines += _pair(key, value, label, width)
    lines.append([])
    if document.note:
        lines += [[(line, "italic")] for line in wrap(document.note, width)]
    if document.summary:
        lines += [[(line, "")] for line in wrap(document.summary, width)]
    for section in document.sections:
        if not section.blocks:
            continue
        rule = "\u2500" * max(0, width - _len(section.title) - 1)
        lines += [[], [(section.title, "bold"), (" " + rule, "")]]
        for block in section.blocks:
            lines += _block(block, width)
        if section.legend:
            lines += [[(line, "dim")] for line in wrap(section.legend, width)]
    return lines


def _block(block: words.Block, width: int) -> list[Line]:
    if isinstance(block, words.Item):
        lines = [[(line, "bold")] for line in wrap(block.heading, width)]
        return lines + [[(line, "")] for body in block.body for line in wrap(body, width)]
    if isinstance(block, words.Cite):
        reference = [[(line, "")] for line in wrap(block.reference, width)]
        return [*reference, [(block.url, f"link {block.url}")]]  # whole, to copy and open
    label = min(max((_len(k) for k, _ in block.rows), default=0), width // 3)
    return [line for key, value in block.rows for line in _pair(key, value, label, width)]


# --- The timeline -----------------------------------------------------------------------------

KIND_STYLES = {
    "dialogue": "green",
    "statement": "bright_green",
    "policy": "yellow",
    "summit": "magenta",
    "ministerial": "blue",
    "relationship": "cyan",
    "programme": "bright_cyan",
    "operation": "red",
    "contribution": "bright_black",
}
# A shape per kind, so the marks and their legend read without colour too.
KIND_GLYPHS = {
    "dialogue": "\u25cf",  # ●
    "statement": "\u25cb",  # ○
    "policy": "\u25c6",  # ◆
    "summit": "\u25b2",  # ▲
    "ministerial": "\u25bc",  # ▼
    "relationship": "\u25c7",  # ◇
    "programme": "\u25a1",  # □
    "operation": "\u25a0",  # ■
    "contribution": "+",
}
EARLIER = "\u25c2"  # ◂ at the left edge: events before the axis begins


def timeline(view: views.Timeline, width: int, notes: list[str]) -> list[Line]:
    """The entries under their year, or drawn as a chart where one was asked for and fits."""
    if view.question.chart:
        drawn = chart(views.chart(view), width, words.timeline_caption(view), notes)
        if drawn is not None:
            return drawn
    return entries(view, width)


def _legend(kinds: Iterable[str], width: int, indent: int = 0, title: str = "") -> list[Line]:
    """Items such as "▲ summit", after ``title`` or ``indent`` spaces, packed into lines that
    fit, never split inside an item."""
    lines: list[Line] = []
    used = 0
    for kind in kinds:
        glyph, style = KIND_GLYPHS.get(kind, "\u25b2"), KIND_STYLES.get(kind, "")
        size = _len(glyph) + 1 + _len(kind)
        if lines and used + 2 + size <= width:
            lines[-1] += [("  ", ""), (glyph, style), (f" {kind}", "")]
            used += 2 + size
        else:
            head = (title if not lines else "").ljust(indent)
            lines.append([(head, "bold"), (glyph, style), (f" {kind}", "")])
            used = _len(head) + size
    return lines


def entries(view: views.Timeline, width: int) -> list[Line]:
    """Entries under their year (or decade), each with its kind's shape and colour, the whole
    summary, and what sources say otherwise; a legend of the kinds first."""
    rows = view.rows
    kinds = [k for k in KIND_STYLES if any(row["kind"] == k for row in rows)]
    lines: list[Line] = _legend(kinds, width, indent=7, title=words.KINDS_TITLE) if kinds else []
    heading = None
    inner = max(1, width - 2)
    for row in rows:
        period = row["date"] if row["date"].endswith("s") else row["date"][:4]
        if period != heading:
            heading = period
            rule = "\u2500" * max(0, width - _len(period) - 1)
            lines.append([(period, "bold"), (" " + rule, "")])
        lines += _entry_head(row, inner)
        involved = words.involved(view, row)
        lines += [[("  " + line, "italic")] for line in wrap(involved, inner)] if involved else []
        if row["summary"]:
            lines += [[("  " + line, "dim")] for line in wrap(row["summary"], inner)]
        for text in row["sources_differ"]:
            lines += [
                [("  " + line, "dim")] for line in wrap(f"{words.SOURCES_DIFFER}: {text}", inner)
            ]
        lines.append([])
    notes = words.timeline_notes(view)
    return lines + [[(line, "")] for note in notes for line in wrap(note, width)]


def _entry_head(row: TimelineRow, width: int) -> list[Line]:
    """ "2022-06-29  ▲ summit  Madrid Summit: ...": the date, the kind's shape and name, then
    the title, which wraps under itself (a hanging indent) where the width allows."""
    kind = row["kind"]
    date = words.marked(row["date"], row["uncertain"])
    lead = f"{date}  {KIND_GLYPHS.get(kind, '')} {kind}  "
    style = KIND_STYLES.get(kind, "")
    if _len(lead) > width // 2:  # too narrow to hang: the title on the lines below
        below = [[("  " + line, "bold")] for line in wrap(row["title"], width)]
        return [[("  " + date, "bold")], [("  " + lead[len(date) :].strip(), style)], *below]
    title = wrap(row["title"], width - _len(lead))
    first: Line = [("  " + date, "bold"), (lead[len(date) :], style), (title[0], "bold")]
    return [first, *([(" " * (2 + _len(lead)) + line, "bold")] for line in title[1:])]


# --- The chart --------------------------------------------------------------------------------

ONGOING = " ongoing"
MIN_AXIS = 10  # columns of axis below which no chart is drawn
MIN_LABEL = 12  # the label column's least width beside the bars
STACKED = 60  # below this width, labels go above their bars, which get the whole width


class _Axis(NamedTuple):
    """Where days fall on an axis of ``span`` columns from ``first`` to ``last``."""

    first: dt.date
    last: dt.date
    span: int

    def column(self, day: dt.date) -> int:
        days = (self.last - self.first).days or 1
        return min(self.span - 1, max(0, (day - self.first).days * (self.span - 1) // days))

    def ticks(self) -> str:
        """Year labels at the column of their 1 January, as many as fit without touching; a
        year whose 1 January falls before the axis begins gets no label."""
        axis = [" "] * self.span
        first, last = self.first.year, self.last.year
        fits = [
            s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if (last - first) // s * 6 <= self.span
        ]
        step = fits[0] if fits else 1000
        year = first + (-first % step)
        while year <= last:
            day = dt.date(year, 1, 1)
            if day >= self.first:
                at, label = self.column(day), str(year)
                if at + len(label) <= self.span and all(
                    c == " " for c in axis[max(0, at - 1) : at + len(label) + 1]
                ):
                    axis[at : at + len(label)] = label
            year += step
        return "".join(axis).rstrip()


def chart(chart: views.Chart, width: int, caption: str, notes: list[str]) -> list[Line] | None:
    """Operations as bars on a time axis, the partners in each under its bar, event marks and
    their legend below; None (with a note why) where no chart can be drawn."""
    if chart.last <= chart.first:
        notes.append(words.no_chart_for_a_day(chart.first))
        return None
    stacked = width < STACKED
    longest = max((_len(bar.label) for bar in chart.bars), default=0)
    label = 0 if stacked else max(MIN_LABEL, min(longest + 1, width // 3))
    span = width - label - (0 if stacked else 1) - len(ONGOING)
    if span < MIN_AXIS:
        notes.append(words.no_chart_so_narrow(MIN_AXIS + len(ONGOING)))
        return None
    axis = _Axis(chart.first, chart.last, span)
    pad = " " * (label + (0 if stacked else 1))
    lines: list[Line] = [[(pad, ""), (axis.ticks(), "bold")]]
    for bar in chart.bars:
        left, right = axis.column(bar.start), axis.column(bar.end or chart.last)
        body: Line = [
            (" " * left, ""),
            ("\u2588" * max(1, right - left + 1), "red" if bar.end else "green"),
        ]
        if bar.end is None:
            body.append((ONGOING, "green"))
        names = wrap(bar.label, width if stacked else label - 1)
        if stacked:
            lines += [[(name, "bold")] for name in names]
            lines.append(body)
        else:
            lines.append([(_pad(names[0], label + 1), ""), *body])
            lines += [[(name, "")] for name in names[1:]]
        if bar.partners:
            who = wrap(", ".join(bar.partners), max(1, width - len(pad)))
            lines += [[(pad, ""), (line, "dim")] for line in who]
    cells: list[Segment] = [(" ", "")] * span
    for day, kind in chart.markers:
        cells[axis.column(day)] = (KIND_GLYPHS.get(kind, "\u25b2"), KIND_STYLES.get(kind, ""))
    if chart.earlier:
        cells[0] = (EARLIER, "bold")
    lines.append([(("" if stacked else words.EVENTS_ROW).ljust(len(pad)), ""), *cells])
    kinds = list(dict.fromkeys(kind for _, kind in chart.markers))
    lines += _legend(kinds, width, indent=len(pad))
    if chart.earlier:
        said = wrap(f"{EARLIER} {words.earlier(chart.earlier)}", max(1, width - len(pad)))
        lines += [[(pad, ""), (line, "")] for line in said]
    if chart.undated:
        lines += [[(line, "")] for line in wrap(words.not_drawn(chart.undated), width)]
    return lines + [[(line, "")] for line in wrap(caption, width)]
