"""Views: an answer ready to render, the rows with the question they answer.

``Reference`` answers with rows (``rows``); the command line puts them in a view for the
renderers: a listing (``Partners``, ``Timeline``, ...) or a sheet of one record
(``PartnerSheet``, ...), each knowing the reference it came from (the data, the day) and, for
a timeline, what was asked. Renderers dispatch on the view's class, so each reads its rows
with their keys checked. ``Chart`` is what ``timeline --chart`` draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, TypeVar

from natopartners import queries, rows

if TYPE_CHECKING:
    from natopartners.dates import PartialDate
    from natopartners.reference import Reference

R = TypeVar("R", bound=Mapping[str, Any])
D = TypeVar("D", bound=Mapping[str, Any])


class Listing(Generic[R]):
    """Rows of one kind, for every format. ``KIND`` names them in a message ("no partners
    match"), ``FIELDS`` are all their fields in output order.

    Views are plain classes, not dataclasses: a command builds one or two, and a dataclass
    costs start-up (it compiles its methods when its module is imported)."""

    __slots__ = ("reference", "rows")
    KIND: ClassVar[str] = "records"
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, reference: Reference, rows: Sequence[R]) -> None:
        self.reference = reference
        self.rows = rows

    @property
    def fields(self) -> tuple[str, ...]:
        return self.FIELDS

    @property
    def single(self) -> bool:
        """Whether JSON prints the one row as an object (a sheet cut down by ``--fields``)."""
        return False


class Partners(Listing[rows.PartnerRow]):
    __slots__ = ()
    KIND = "countries"
    FIELDS = rows.fields_of(rows.PartnerRow)


class Operations(Listing[rows.OperationRow]):
    __slots__ = ()
    KIND = "operations"
    FIELDS = rows.fields_of(rows.OperationRow)


class Terms(Listing[rows.TermRow]):
    __slots__ = ()
    KIND = "terms"
    FIELDS = rows.fields_of(rows.TermRow)


class Sources(Listing[rows.SourceRow]):
    __slots__ = ()
    KIND = "sources"
    FIELDS = rows.fields_of(rows.SourceRow)


class Hits(Listing[rows.SearchHit]):
    __slots__ = ()
    KIND = "records"
    FIELDS = rows.fields_of(rows.SearchHit)


class Question(NamedTuple):
    """What a timeline answers: its filters (``nation`` and ``operation`` by id), or for
    ``changes`` the two dates compared (``after`` and ``by``, as given); ``chart`` asks for
    the chart."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    nation: str | None = None
    kind: str | None = None
    operation: str | None = None
    after: PartialDate | None = None
    by: PartialDate | None = None
    chart: bool = False


ASKED_NOTHING = Question()


class Timeline(Listing[rows.TimelineRow]):
    __slots__ = ("question",)
    KIND = "events"
    FIELDS = rows.fields_of(rows.TimelineRow)

    def __init__(
        self,
        reference: Reference,
        rows: Sequence[rows.TimelineRow],
        question: Question = ASKED_NOTHING,
    ) -> None:
        super().__init__(reference, rows)
        self.question = question


class Sheet(Generic[D]):
    """One record in full: a sheet for people, plain text in a pipe, one object in JSON."""

    __slots__ = ("record", "reference")
    KIND: ClassVar[str] = "records"
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, reference: Reference, record: D) -> None:
        self.reference = reference
        self.record = record

    @property
    def fields(self) -> tuple[str, ...]:
        return self.FIELDS


class PartnerSheet(Sheet[rows.PartnerDetail]):
    __slots__ = ()
    KIND = "countries"
    FIELDS = rows.fields_of(rows.PartnerDetail)


class OperationSheet(Sheet[rows.OperationDetail]):
    __slots__ = ()
    KIND = "operations"
    FIELDS = rows.fields_of(rows.OperationDetail)


class TermSheet(Sheet[rows.TermDetail]):
    __slots__ = ()
    KIND = "terms"
    FIELDS = rows.fields_of(rows.TermDetail)


class Selected(Listing[dict[str, Any]]):
    """A view cut down to the fields ``--fields`` named, in that order (names checked);
    ``one`` when it was a sheet, ``of`` what its records are."""

    __slots__ = ("chosen", "of", "one")

    def __init__(
        self,
        reference: Reference,
        rows: Sequence[dict[str, Any]],
        chosen: tuple[str, ...],
        one: bool,
        of: str,
    ) -> None:
        super().__init__(reference, rows)
        self.chosen, self.one, self.of = chosen, one, of

    @property
    def fields(self) -> tuple[str, ...]:
        return self.chosen

    @property
    def single(self) -> bool:
        return self.one


View = (
    Partners
    | Operations
    | Terms
    | Sources
    | Hits
    | Timeline
    | Selected
    | PartnerSheet
    | OperationSheet
    | TermSheet
)


def select(view: View, names: Sequence[str]) -> Selected:
    """``view`` with only the fields ``names``, in that order."""
    if isinstance(view, Sheet):
        found: Sequence[Mapping[str, Any]] = [view.record]
    else:
        found = view.rows
    cut = [{name: row[name] for name in names} for row in found]
    return Selected(view.reference, cut, tuple(names), isinstance(view, Sheet), view.KIND)


# --- The chart --------------------------------------------------------------------------------


class Bar(NamedTuple):
    """One operation on the chart: its label, first and last day (None: ongoing at the end of
    the axis), and who took part."""

    label: str
    start: dt.date
    end: dt.date | None
    partners: tuple[str, ...]


class Chart(NamedTuple):
    """What ``timeline --chart`` draws: operation bars and event markers on an axis from
    ``first`` to ``last`` (never past the data's as_of: nothing later is known); ``earlier``
    counts the events before ``first``, marked at the edge; ``undated`` names the operations
    the sources give no start for."""

    bars: tuple[Bar, ...]
    markers: tuple[tuple[dt.date, str], ...]
    first: dt.date
    last: dt.date
    earlier: int
    undated: tuple[str, ...]


def chart(view: Timeline) -> Chart:
    """The operations begun by the day asked for (an end after it is open), narrowed like the
    timeline: a ``kind`` other than ``operation`` leaves only the markers of its entries. The
    axis spans what is drawn: the bars, or the events when there are none, from ``since`` on
    and up to ``until``, the day asked for and the data's as_of, whichever comes first."""
    from natopartners.words import short_name

    reference, question = view.reference, view.question
    data = reference.dataset
    last = min(reference.day, data.dataset.as_of.last)
    if question.until:
        last = min(last, question.until.last)
    bars: list[Bar] = []
    undated: list[str] = []
    drawn = queries.operations_on(data, last) if question.kind in (None, "operation") else []
    for op in drawn:
        who = [p for p, _ in queries.operation_contributions(data, op, last)]
        if question.operation and op.id != question.operation:
            continue
        if question.nation and question.nation not in {p.id for p in who}:
            continue
        if op.start is None:
            undated.append(short_name(op))
            continue
        over = op.end or op.ended_by
        end = over.last if over and over.first <= last else None
        if question.since and end and end < question.since.first:
            continue
        names = tuple(dict.fromkeys(p.name for p in who))
        bars.append(Bar(short_name(op), op.start.first, end, names))
    entries = [
        (dt.date.fromisoformat(_first(row["date"])), row["kind"])
        for row in view.rows
        if row["kind"] != "operation"
    ]
    starts = [bar.start for bar in bars] or [day for day, _ in entries]
    first = min(starts, default=last)
    if question.since:
        first = max(first, question.since.first)
    first = min(first, last)
    bars = [bar._replace(start=max(bar.start, first)) for bar in bars]
    earlier = sum(1 for day, _ in entries if day < first)
    markers = tuple((d, k) for d, k in entries if first <= d <= last)
    return Chart(tuple(bars), markers, first, last, earlier, tuple(undated))


def _first(date: str) -> str:
    """The first day of a date as the data writes it, as ISO text."""
    from natopartners.dates import PartialDate

    return PartialDate.parse(date).first.isoformat()
