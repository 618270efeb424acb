"""Questions asked of a dataset: filters, the timeline, and what was certain on a day.

Pure functions over the models: they return records, dates and states, never text for people
(that is ``words``'s business). Names are looked up by ``lookup``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, TypeVar, overload

from natopartners.vocabulary import KIND_ORDER, SUBJECT, Edge, PeriodKind, TimelineKind

if TYPE_CHECKING:  # the models are only read here, never built: importing them costs start-up
    from natopartners.dates import PartialDate
    from natopartners.models import (
        Citation,
        Contribution,
        Country,
        Dataset,
        Dispute,
        Event,
        Operation,
        Partner,
        Period,
        ProgrammePeriod,
        RelationshipPeriod,
        Source,
        Sourced,
    )

    Nation = Partner | Country

T = TypeVar("T")
P = TypeVar("P", bound="Period")


def moment(data: Dataset, as_of: PartialDate | None = None) -> dt.date:
    """The day a question is asked about: the last day of ``as_of``, else of the data's as_of.

    ``--as-of 2014`` answers as things stood at the end of 2014.
    """
    return (as_of or data.dataset.as_of).last


Certainty = Literal["no", "maybe", "yes"]
"""Whether a dated fact had happened by a day: ``no`` before its window, ``maybe`` inside it,
``yes`` from its last day on."""


class Window(Protocol):
    """The days on one of which something happened: a partial date, or a span it lies in."""

    @property
    def first(self) -> dt.date: ...

    @property
    def last(self) -> dt.date: ...


class Span(NamedTuple):
    """A window that is not one partial date: an undated contribution's operation, say."""

    first: dt.date
    last: dt.date


def certainty(window: Window, on: dt.date) -> Certainty:
    """Whether something that happened on one unknown day of ``window`` had happened by ``on``.

    A date known only to a year, month or decade is a window, not its first day: on a day inside
    it (``first <= on < last``) the fact may or may not have happened yet.
    """
    if on < window.first:
        return "no"
    return "maybe" if on < window.last else "yes"


def started(start: Window | None, on: dt.date) -> Certainty:
    """Whether something that began in ``start`` had begun by ``on``; an undated start counts as
    begun (the data has nothing to put before it)."""
    return "yes" if start is None else certainty(start, on)


def ended(end: Window | None, on: dt.date) -> Certainty:
    """Whether something that ended in ``end`` had ended by ``on``; no end: it had not."""
    return "no" if end is None else certainty(end, on)


@overload
def reported(data: Dataset, date: Window) -> Window: ...
@overload
def reported(data: Dataset, date: Window | None) -> Window | None: ...
def reported(data: Dataset, date: Window | None) -> Window | None:
    """``date`` as far as the data can tell: to the data's as_of at the latest, since the
    newest source reports only what had happened by its own date ("2025" in data as of
    2025-07-24 is a day up to then)."""
    newest = data.dataset.as_of.last
    return date if date is None or date.last <= newest else Span(date.first, newest)


def source_date(data: Dataset, citation: Citation) -> PartialDate | None:
    """The date a cited source shows: its own (published), else its last update."""
    source = data.source_index[citation.source]
    return source.published or source.updated


def attested(data: Dataset, date: Window, citations: Iterable[Citation]) -> Window:
    """``date``'s window as far as the data tells: up to its as_of at the latest, and up to
    the first day by which a source dated within or after the window reported the fact. A
    page of 19 May 2017 naming Colombia a partner makes it certain from that day, though the
    partnership is dated only "2017-05"."""
    if date.first == date.last and date.last <= data.dataset.as_of.last:
        return date  # a day: no source can make it more certain
    last = min(date.last, data.dataset.as_of.last)
    for citation in citations:
        shown = source_date(data, citation)
        if shown is not None and shown.last >= date.first:
            last = min(last, max(shown.last, date.first))
    return date if last == date.last else Span(date.first, last)


def begun(date: Window | None, on: dt.date) -> bool:
    """Whether something dated ``date`` may have begun by ``on``: what is listed (an uncertain
    start is listed, and marked)."""
    return started(date, on) != "no"


def holds(period: Period, on: dt.date) -> bool:
    """Whether ``period`` had begun by ``on`` and not ended before it (a successor aside)."""
    return begun(period.start, on) and (period.until is None or period.until.last >= on)


def current(periods: Sequence[P], on: dt.date) -> P | None:
    """The period in force on ``on``: of those holding, the one that began last, so a period
    without an end gives way to the next one."""
    holding = [p for p in periods if holds(p, on)]
    return max(holding, key=lambda p: (p.start is not None, p.start), default=None)


def successor(periods: Sequence[P], period: P) -> P | None:
    """The period that took over from ``period``, when it has no end of its own."""
    if period.until is not None:
        return None
    after = [
        p
        for p in periods
        if p.start is not None and (period.start is None or p.start.first > period.start.first)
    ]
    return min(after, key=lambda p: p.start.first if p.start else dt.date.min, default=None)


def predecessor(periods: Sequence[P], period: P) -> P | None:
    """The period that ``period`` took over from (one without an end of its own)."""
    return next((p for p in periods if successor(periods, p) is period), None)


def periods_of(
    nation: Nation,
) -> tuple[tuple[PeriodKind, Sequence[RelationshipPeriod | ProgrammePeriod]], ...]:
    """The country's relationship periods and programme periods, each list with its kind."""
    return (("relationship", nation.relationship), ("programme", nation.programme))


def relationship(nation: Nation, on: dt.date) -> RelationshipPeriod | None:
    return current(nation.relationship, on)


def programme(nation: Nation, on: dt.date) -> ProgrammePeriod | None:
    return current(nation.programme, on)


def suspended(nations: Iterable[Nation], value: str, on: dt.date) -> list[tuple[Nation, Period]]:
    """The countries whose relationship ``value`` stood suspended on ``on`` (and not taken
    up again), each with the period that was suspended: Russia's and Belarus's partnerships
    in the Euro-Atlantic Partnership Council and the Partnership for Peace."""
    found: list[tuple[Nation, Period]] = []
    for nation in nations:
        periods = [p for p in nation.relationship if p.value == value and begun(p.start, on)]
        last = periods[-1] if periods else None
        if last and last.suspended and not holds(last, on) and relationship(nation, on) is None:
            found.append((nation, last))
    return found


def period_doubts(data: Dataset, periods: Sequence[P], period: P, on: dt.date) -> list[Edge]:
    """Which of a period's start and end were not yet certain on ``on``: a start (up to the
    first source that reports it), an end or a successor's start (which ends it) dated only
    to a window that ``on`` falls inside."""
    after = successor(periods, period)
    end = over(period.until) if period.until else (after.start if after else None)
    start = attested(data, period.start, period.sources) if period.start else None
    return _doubts(started(start, on), ended(reported(data, end), on))


def over(until: Window) -> Span:
    """When something that held until ``until`` (its last day, inclusive) was over: the day
    after. Russia's partnership, held "until 2014-04" and then suspended, may still have held
    on 2014-04-30 (had it held to that day) and was certainly over on 2014-05-01; a period
    held until 2021-08-20 still held that day."""
    day = dt.timedelta(days=1)
    return Span(until.first + day, until.last + day)


def _doubts(start: Certainty, end: Certainty) -> list[Edge]:
    edges: tuple[tuple[Edge, Certainty], ...] = (("start", start), ("end", end))
    return [edge for edge, state in edges if state == "maybe"]


def newest_source(data: Dataset, citations: Iterable[Citation], on: dt.date) -> PartialDate | None:
    """The date of the newest of ``citations`` that had appeared by ``on``: how current what
    they support is on that day."""
    dates = [d for c in citations if (d := source_date(data, c)) is not None and d.first <= on]
    return max(dates, key=lambda d: (d.last, d.first), default=None)


def appeared(data: Dataset, source: Source) -> dt.date | None:
    """The first day ``source`` can have appeared: that of its own date, else, for a page that
    shows none, that of the latest fact it reports (``Dataset.reported_from``); None when
    nothing places it."""
    date = source.published or source.updated
    return date.first if date is not None else data.reported_from.get(source.id)


def sources_by(data: Dataset, on: dt.date) -> list[Source]:
    """The data's sources as an answer for ``on`` lists them: those that can have appeared by
    then (an undated one that nothing places later included)."""
    if on >= data.dataset.as_of.last:
        return list(data.sources)
    return [s for s in data.sources if (first := appeared(data, s)) is None or first <= on]


def drawn_after(data: Dataset, citations: Iterable[Citation], on: dt.date) -> bool:
    """Whether one of ``citations`` appeared only after ``on`` (``appeared``). A text drawn
    from it (a summary, a note) may tell of what came later, so an answer for ``on`` leaves
    it out; the facts it backs (values, dates) are about their own days and stay."""
    if on >= data.dataset.as_of.last:  # validated: no source is dated after the data's as_of
        return False
    index = data.source_index
    return any(
        (first := appeared(data, index[c.source])) is not None and first > on for c in citations
    )


def prose(
    data: Dataset, words: str | None, citations: Iterable[Citation], on: dt.date
) -> str | None:
    """A summary or note as an answer for ``on`` shows it: left out (None) when it is drawn
    from a source that appeared after ``on`` (``drawn_after``)."""
    return None if words and drawn_after(data, citations, on) else words


def contribution_start(data: Dataset, contribution: Contribution) -> Window | None:
    """When a contribution began, as far as the data tells: its date, from no earlier than its
    operation's start (one dated only "2003" began after ISAF's start in August 2003), up to
    the first source that reports it. An undated one began within its operation, so its window
    is the operation's whole span (to the data's as_of while it goes on). None when neither is
    dated: it counts as begun."""
    joined = data.operation_index.get(contribution.operation or "")
    opened = joined.start.first if joined and joined.start else dt.date.min
    if contribution.start is not None:
        window = Span(max(opened, contribution.start.first), contribution.start.last)
        return attested(data, window, contribution.sources)
    if joined is None:
        return None
    closed = joined.end or joined.ended_by or data.dataset.as_of
    return reported(data, Span(opened, closed.last))


def contribution_doubts(data: Dataset, contribution: Contribution, on: dt.date) -> list[Edge]:
    """Which of a contribution's start and end were not yet certain on ``on``."""
    start = started(contribution_start(data, contribution), on)
    until = contribution.until
    return _doubts(start, ended(reported(data, over(until) if until else None), on))


def contributions(data: Dataset, nation: Nation, on: dt.date) -> list[Contribution]:
    """The country's contributions that may have begun by ``on`` (see ``contribution_start``):
    an uncertain one is listed, and its doubts say so."""
    return [c for c in nation.contributions if begun(contribution_start(data, c), on)]


def partner_operations(data: Dataset, nation: Nation, on: dt.date) -> list[str]:
    """Ids of the operations a country had contributed to by ``on``, in data order."""
    return list(dict.fromkeys(c.operation for c in contributions(data, nation, on) if c.operation))


def doubtful_operations(data: Dataset, nation: Nation, on: dt.date) -> dict[str, Contribution]:
    """The operations of ``partner_operations`` that the country may not yet have joined by
    ``on``, each with its first contribution to it."""
    listed = contributions(data, nation, on)
    return _doubtful(data, ((c.operation, c) for c in listed if c.operation), on)


def doubtful_partners(data: Dataset, operation: Operation, on: dt.date) -> dict[str, Contribution]:
    """The ids of the partners of ``operation_contributions`` that may not yet have taken part
    by ``on``, each with its first contribution to it."""
    return _doubtful(data, ((p.id, c) for p, c in operation_contributions(data, operation, on)), on)


def _doubtful(
    data: Dataset, listed: Iterable[tuple[str, Contribution]], on: dt.date
) -> dict[str, Contribution]:
    """Of contributions by key (an operation, a partner), the keys none of whose contributions
    had certainly begun by ``on``, each with its first contribution."""
    first: dict[str, Contribution] = {}
    certain: set[str] = set()
    for key, contribution in listed:
        first.setdefault(key, contribution)
        if "start" not in contribution_doubts(data, contribution, on):
            certain.add(key)
    return {key: c for key, c in first.items() if key not in certain}


def on_the_scene(data: Dataset, partner: Partner, on: dt.date) -> bool:
    """Whether a partner is listed on ``on``: a relationship in force, or a part in an
    operation under way (Singapore served in ISAF years before a NATO page names it)."""
    return relationship(partner, on) is not None or bool(partner_operations(data, partner, on))


def filter_nations(
    data: Dataset,
    *,
    on: dt.date,
    relationship_is: str | None = None,
    region: str | None = None,
    operation: Operation | None = None,
    programme_is: str | None = None,
) -> list[Nation]:
    """The countries ``list`` shows on ``on``, in data order: the subject's partners on the
    scene or, for a relationship of the rest of the world (``ally``, ...), the countries that
    had it; narrowed by each filter given (``region`` an exact region or sub-region name)."""
    found: list[Nation]
    if relationship_is is None or relationship_is in SUBJECT:
        found = [p for p in data.partners if on_the_scene(data, p, on)]
    else:
        found = list(data.countries)
    if relationship_is is not None:
        found = [n for n in found if _value(relationship(n, on)) == relationship_is]
    if region is not None:
        found = [n for n in found if region in (n.region, n.subregion)]
    if operation is not None:
        found = [n for n in found if operation.id in partner_operations(data, n, on)]
    if programme_is is not None:
        found = [n for n in found if _value(programme(n, on)) == programme_is]
    return found


def _value(period: RelationshipPeriod | ProgrammePeriod | None) -> str | None:
    return period.value if period else None


Step = Literal["event", "start", "attested", "end", "ended-by"]


class TimelineEntry(NamedTuple):  # one per dated fact: a large dataset has many
    """One dated fact of the timeline: an event, an operation's start or end, the start,
    attestation or end of a partner's relationship or programme, or a contribution's start.

    ``record`` is what the entry is about and ``step`` which of its dates it marks; ``partner``
    is whose period or contribution it is. ``window`` is the days the fact may fall on, up to
    the first source that reports it. ``uncertain`` marks an entry of a window asked for
    (``filter_timeline``, ``changes``) whose date may fall outside it: dated only "2014" in a
    window from 2014-06. Words are ``words``'s business.
    """

    date: PartialDate
    window: Window
    kind: TimelineKind
    id: str
    step: Step
    record: Event | Operation | RelationshipPeriod | ProgrammePeriod | Contribution
    partner: Partner | None
    partners: tuple[str, ...]
    operations: tuple[str, ...]
    sources: tuple[Citation, ...]
    disputes: tuple[Dispute, ...] = ()
    uncertain: bool = False


def disputes(data: Dataset, kind: str, ident: str, field: str | None = None) -> list[Dispute]:
    """What other sources say about record ``kind.ident`` (kind as in the file: ``events``),
    or about one of its fields."""
    found = data.dispute_index.get(f"{kind}.{ident}", ())
    return [d for d in found if field in (None, d.field)]


def timeline(data: Dataset) -> list[TimelineEntry]:
    """Every dated fact of the subject, oldest first: events, the start and end of operations,
    of the partners' relationships and programmes, and the start of their contributions.
    Undated facts are left out, and so is the rest of the world (an Ally's accession is not a
    step of the partnerships; ``show`` gives each country's own history). Where sources
    disagree about an event or an operation's date, the entry carries it.

    One step is one line: a partner's relationship or programme begun or ended on the day of
    an event that names the partner (and, for a programme, the programme) is told by the
    event alone, which then carries what sources say otherwise about the step (Japan's ITPP
    signed at Vilnius, Afghanistan's Enduring Partnership suspended by the ministers,
    Argentina's application).
    """
    tellers: dict[tuple[str, str], list[Event]] = {}
    for e in data.events:
        for p in e.partners:
            tellers.setdefault((e.date.text, p), []).append(e)
    told: dict[str, list[Dispute]] = {}  # event id: the disputes of the steps it tells
    entries: list[TimelineEntry] = []
    for partner in data.partners:
        entries += _period_entries(data, partner, tellers, told)
        for i, c in enumerate(partner.contributions):
            if c.start is None:
                continue
            operations = (c.operation,) if c.operation else ()
            entries.append(
                _entry(
                    data, c.start, "contribution", f"{partner.id}-contribution-{i + 1}",
                    "start" if c.since else "attested", c, partner, (partner.id,), operations,
                    c.sources,
                )
            )  # fmt: skip
    entries += [
        _entry(
            data, e.date, e.kind, e.id, "event", e, None, e.partners, e.operations, e.sources,
            [*disputes(data, "events", e.id), *told.get(e.id, ())],
        )
        for e in data.events
    ]  # fmt: skip
    for op in data.operations:
        steps: tuple[tuple[Step, PartialDate | None], ...] = (
            ("start", op.start),
            ("end", op.end),
            ("ended-by", op.ended_by),
        )
        dated = [(step, date) for step, date in steps if date is not None]
        for n, (step, date) in enumerate(dated):
            # The first entry carries every dispute about the operation; a later one those
            # about its own date.
            field = None if n == 0 else step.replace("-", "_")
            found = disputes(data, "operations", op.id, field)
            entries.append(
                _entry(
                    data, date, "operation", f"{op.id}-{step.replace('-', '_')}", step, op, None,
                    op.hosts, (op.id,), op.sources, found,
                )
            )  # fmt: skip
    return sorted(entries, key=_order)


def _entry(
    data: Dataset,
    date: PartialDate,
    kind: TimelineKind,
    ident: str,
    step: Step,
    record: Event | Operation | RelationshipPeriod | ProgrammePeriod | Contribution,
    partner: Partner | None,
    partners: Sequence[str],
    operations: Sequence[str],
    sources: Sequence[Citation],
    found: Sequence[Dispute] = (),
) -> TimelineEntry:
    """An entry; the window of a beginning or an event ends with the first source that reports
    it, an end's with the data's as_of (a source on a thing need not have seen it end)."""
    beginning = step in ("event", "start", "attested")
    window = attested(data, date, sources) if beginning else reported(data, date)
    cited = (*sources, *(c for d in found for c in d.sources)) if found else tuple(sources)
    return TimelineEntry(
        date, window, kind, ident, step, record, partner, tuple(partners), tuple(operations),
        cited, tuple(found),
    )  # fmt: skip


_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


def _order(entry: TimelineEntry) -> tuple[dt.date, int, str, int, str]:
    """The timeline's order as plain values, compared without calling back into Python: by
    date (the wider first when two start on one day), then kind, then id."""
    date = entry.date
    return (date.first, -date.last.toordinal(), date.text, _KIND_RANK[entry.kind], entry.id)


def _period_entries(
    data: Dataset,
    partner: Partner,
    tellers: dict[tuple[str, str], list[Event]],
    told: dict[str, list[Dispute]],
) -> Iterator[TimelineEntry]:
    """The dated starts, attestations and ends of a partner's relationship and programme
    periods, but a start or end an event of its day tells (see ``timeline``): its disputes go
    to ``told`` under that event's id. What other sources say of the partner's relationship
    (or programme) concerns the newest period: Colombia's formal status, Korea's first year."""
    for kind, periods in periods_of(partner):
        for i, period in enumerate(periods):
            found = disputes(data, "partners", partner.id, kind) if i == len(periods) - 1 else []
            steps: tuple[tuple[Step, PartialDate | None, Sequence[Dispute]], ...] = (
                ("start", period.since, found),
                ("attested", period.attested, found),
                ("end", period.until, ()),
            )
            for step, date, differ in steps:
                if date is None:
                    continue
                teller = _teller(tellers, kind, step, date, partner.id, period.value)
                if teller is not None:
                    told.setdefault(teller.id, []).extend(differ)
                    continue
                yield _entry(
                    data, date, kind, _period_id(partner, kind, i, step), step, period,
                    partner, (partner.id,), (), period.sources, differ,
                )  # fmt: skip


def _teller(
    tellers: dict[tuple[str, str], list[Event]],
    kind: PeriodKind,
    step: Step,
    date: PartialDate,
    partner: str,
    value: str,
) -> Event | None:
    """The event that tells a period's start or end: of its day, naming its partner and, for
    a programme, the programme."""
    if step not in ("start", "end"):
        return None
    found = tellers.get((date.text, partner), [])
    return next((e for e in found if kind == "relationship" or value in e.terms), None)


def _period_id(partner: Partner, kind: PeriodKind, index: int, step: str) -> str:
    """The timeline id of a period's start, attestation or end: ``japan-programme-2-start``."""
    return f"{partner.id}-{kind}-{index + 1}-{step}"


def filter_timeline(
    data: Dataset,
    *,
    on: dt.date,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    nation: str | None = None,
    kind: str | None = None,
    operation: str | None = None,
) -> list[TimelineEntry]:
    """The timeline up to ``on``, narrowed to dates (an entry counts if any of its days falls
    between the first day of ``since`` and the last of ``until``; it is uncertain if some do
    not), a country (by id), a kind or an operation (by id)."""
    after = since.first - dt.timedelta(days=1) if since and since.first > dt.date.min else None
    entries = within(timeline(data), after, min(on, until.last) if until else on)
    if nation is not None:
        entries = [e for e in entries if nation in e.partners]
    if kind is not None:
        entries = [e for e in entries if e.kind == kind]
    if operation is not None:
        entries = [e for e in entries if operation in e.operations]
    return entries


def changes(data: Dataset, after: dt.date, by: dt.date) -> list[TimelineEntry]:
    """What changed after the day ``after`` up to the day ``by``: every timeline entry that
    may fall between. An entry dated "2014" may fall after 2014-06-30 as well as before it, so
    it is in both windows, and uncertain in each."""
    return within(timeline(data), after, by)


def within(
    entries: Iterable[TimelineEntry], after: dt.date | None, by: dt.date
) -> list[TimelineEntry]:
    """The entries that may have happened after ``after`` (None: at any time) and by ``by``,
    each marked uncertain when it may also fall outside those days (the rule of ``certainty``)."""
    found = []
    for entry in entries:
        if after is None and entry.window.last <= by:  # the commonest case: certain, kept
            found.append(entry)
            continue
        before = certainty(entry.window, after) if after else "no"
        reached = certainty(entry.window, by)
        if before != "yes" and reached != "no":
            doubtful = "maybe" in (before, reached)
            found.append(entry._replace(uncertain=True) if doubtful else entry)
    return found


def nation_timeline(data: Dataset, nation: Nation, on: dt.date) -> list[TimelineEntry]:
    return within((e for e in timeline(data) if nation.id in e.partners), None, on)


def operations_on(data: Dataset, on: dt.date) -> list[Operation]:
    """The operations that had begun by ``on`` (an undated start counts as begun)."""
    return [o for o in data.operations if begun(o.start, on)]


def operation_status(operation: Operation, on: dt.date) -> Literal["not-begun", "ongoing", "ended"]:
    """``not-begun``, ``ongoing`` or ``ended`` on ``on`` (an undated start counts as begun); an
    end or start that may have come by then counts, and ``operation_doubts`` says it may not."""
    if not begun(operation.start, on):
        return "not-begun"
    return "ongoing" if ended(operation.end or operation.ended_by, on) == "no" else "ended"


def operation_doubts(data: Dataset, operation: Operation, on: dt.date) -> list[Edge]:
    """Which of an operation's start and end (or the date by which it ended) were not yet
    certain on ``on``."""
    end = reported(data, operation.end or operation.ended_by)
    start = attested(data, operation.start, operation.sources) if operation.start else None
    return _doubts(started(start, on), ended(end, on))


def operation_contributions(
    data: Dataset, operation: Operation, on: dt.date
) -> list[tuple[Partner, Contribution]]:
    """Every partner's contribution to ``operation`` begun by ``on``, in data order; none
    before the operation itself began."""
    if not begun(operation.start, on):
        return []
    return [
        (partner, contribution)
        for partner in data.partners
        for contribution in contributions(data, partner, on)
        if contribution.operation == operation.id
    ]


def operation_timeline(data: Dataset, operation: Operation, on: dt.date) -> list[TimelineEntry]:
    return within((e for e in timeline(data) if operation.id in e.operations), None, on)


def citation_counts(data: Dataset) -> dict[str, int]:
    """How many records cite each source (a record citing a source twice counts once)."""
    counts = dict.fromkeys(data.source_index, 0)
    for record in _sourced_records(data):
        for source in {c.source for c in record.sources}:
            counts[source] = counts.get(source, 0) + 1
    return counts


def _sourced_records(data: Dataset) -> list[Sourced]:
    records: list[Sourced] = [
        *data.partners,
        *data.countries,
        *data.operations,
        *data.events,
        *data.terms,
        *data.disputes,
    ]
    for nation in data.country_index.values():
        records += [*nation.relationship, *nation.programme, *nation.contributions]
        records += [p.announced_end for p in nation.relationship if p.announced_end]
    return records


def find_entry(data: Dataset, ident: str) -> TimelineEntry | None:
    """The timeline entry with id ``ident`` (``madrid-summit-2022``), if there is one."""
    wanted = ident.strip().lower()
    return next((e for e in timeline(data) if e.id == wanted), None)
