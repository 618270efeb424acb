"""Questions asked of a dataset: lookup by any name, filters, and the timeline.

Pure functions over the models: they return records, dates and states, never text for people
(that is the views' business).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, overload

from natopartners.errors import NotFoundError, shown
from natopartners.vocabulary import KIND_ORDER, TimelineKind

if TYPE_CHECKING:  # the models are only read here, never built: importing them costs start-up
    from natopartners.dates import PartialDate
    from natopartners.models import (
        Citation,
        Contribution,
        Dataset,
        Dispute,
        Event,
        Operation,
        Partner,
        Period,
        ProgrammePeriod,
        RelationshipPeriod,
        Sourced,
        Term,
    )

T = TypeVar("T")
P = TypeVar("P", bound="Period")

_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Fold case, accents, punctuation, spaces: "Korea, Republic of" ~ "republic of korea"."""
    if "," in text:
        head, _, tail = text.partition(",")
        text = f"{tail} {head}"
    words = fold(text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def lookup(query: str, records: Sequence[T], names: Callable[[T], Iterable[str]], kind: str) -> T:
    """Find the one record that ``query`` names: exactly, else by an unambiguous prefix, each
    tried on the folded names, then with spaces dropped ("ntmi" ~ "NTM-I"), then with the words
    in any order ("korea republic of" ~ "Republic of Korea").

    Raises NotFoundError listing the candidates when ambiguous, or suggestions when unknown.
    """
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError(f"no {kind} name given")
    keys: dict[str, list[T]] = {}
    for record in records:
        for name in names(record):
            bucket = keys.setdefault(normalise(name), [])
            if record not in bucket:
                bucket.append(record)
    matches: list[T] = []
    for fold in (_spaced, _compact, _unordered):
        folded: dict[str, list[T]] = {}
        for key, found in keys.items():
            folded.setdefault(fold(key), []).extend(found)
        target = fold(wanted)
        matches = _unique(folded.get(target, [])) or _unique(
            r
            for key, rs in folded.items()
            if fold is not _unordered and key.startswith(target)
            for r in rs
        )
        if matches:
            break
    if len(matches) == 1:
        return matches[0]
    label = _label(names)
    if matches:
        raise NotFoundError(
            f"{shown(query)} could name more than one {kind}",
            [f"candidates: {', '.join(label(r) for r in matches)}"],
        )
    close = get_close_matches(wanted, list(keys), n=6, cutoff=0.7)
    suggestions = _unique(r for key in close for r in keys[key])[:3]
    hints = [f"did you mean: {', '.join(label(r) for r in suggestions)}?"] if suggestions else []
    raise NotFoundError(f"no {kind} matches {shown(query)}", hints)


def _spaced(key: str) -> str:
    return key


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _unordered(key: str) -> str:
    return " ".join(sorted(key.split()))


def _unique(items: Iterable[T]) -> list[T]:
    found: list[T] = []
    for item in items:
        if item not in found:
            found.append(item)
    return found


def _label(names: Callable[[T], Iterable[str]]) -> Callable[[T], str]:
    return lambda record: next(iter(names(record)))


def partner_names(partner: Partner) -> list[str]:
    """Every name a partner answers to; the id first."""
    return [
        partner.id,
        partner.name,
        partner.official_name,
        partner.iso2,
        partner.iso3,
        *partner.aliases,
    ]


def operation_names(operation: Operation) -> list[str]:
    """Every name an operation answers to; "Operation Joint Forge" also to "Joint Forge"."""
    acronym = [operation.acronym] if operation.acronym else []
    names = [operation.id, operation.name, *acronym, *operation.aliases]
    bare = [name.split(" ", 1)[1] for name in names if name.startswith("Operation ")]
    return names + bare


def term_names(term: Term) -> list[str]:
    """Every name a term answers to, the id first: its name, acronym and other wordings (the
    IPCP is found with or without the "and" NATO's pages sometimes drop)."""
    return [term.id, term.name, *([term.acronym] if term.acronym else []), *term.aliases]


def find_partner(data: Dataset, query: str) -> Partner:
    return lookup(query, data.partners, partner_names, "partner")


def find_operation(data: Dataset, query: str) -> Operation:
    return lookup(query, data.operations, operation_names, "operation")


def find_term(data: Dataset, query: str) -> Term:
    return lookup(query, data.terms, term_names, "glossary term")


FINDERS: dict[str, Callable[[Dataset, str], Partner | Operation | Term]] = {
    "partner": find_partner,
    "operation": find_operation,
    "term": find_term,
}


def find_record(data: Dataset, query: str) -> Partner | Operation | Term | TimelineEntry:
    """The one record ``query`` names, of any kind: a partner, an operation or a glossary term
    by any of its names, or a timeline entry by its id (``madrid-summit-2022``).

    Raises NotFoundError when none matches, or when records of more than one kind do.
    """
    found: list[Partner | Operation | Term | TimelineEntry] = [
        e for e in timeline(data) if e.id == query.strip().lower()
    ]
    hints: list[str] = []
    for finder in FINDERS.values():
        try:
            found.append(finder(data, query))
        except NotFoundError as error:
            hints += error.hints
    if len(found) == 1:
        return found[0]
    if found:
        kinds = ", ".join(sorted({type(record).__name__.lower() for record in found}))
        raise NotFoundError(f"{shown(query)} names more than one kind of record: {kinds}")
    raise NotFoundError(
        f"no partner, operation, term or timeline entry matches {shown(query)}", hints[:1]
    )


def other_kinds(data: Dataset, query: str, kind: str) -> list[tuple[str, str]]:
    """The kinds of record other than ``kind`` that ``query`` names unambiguously, each with the
    record's id: ``show isaf`` finds no partner, but ``[("operation", "isaf")]``."""
    found = []
    for other, finder in FINDERS.items():
        if other != kind:
            with contextlib.suppress(NotFoundError):
                found.append((other, finder(data, query).id))
    return found


def moment(data: Dataset, as_of: PartialDate | None = None) -> dt.date:
    """The day a question is asked about: the last day of ``as_of``, else of the data's as_of.

    ``--as-of 2014`` answers as things stood at the end of 2014.
    """
    return (as_of or data.dataset.as_of).last


Certainty = Literal["no", "maybe", "yes"]
"""Whether a dated fact had happened by a day: ``no`` before its window, ``maybe`` inside it,
``yes`` from its last day on."""

Edge = Literal["start", "end"]


class Window(Protocol):
    """The days on one of which something happened: a partial date, or a span it lies in."""

    @property
    def first(self) -> dt.date: ...

    @property
    def last(self) -> dt.date: ...


@dataclass(frozen=True)
class Span:
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


def relationship(partner: Partner, on: dt.date) -> RelationshipPeriod | None:
    return current(partner.relationship, on)


def programme(partner: Partner, on: dt.date) -> ProgrammePeriod | None:
    return current(partner.programme, on)


def period_doubts(data: Dataset, periods: Sequence[P], period: P, on: dt.date) -> list[Edge]:
    """Which of a period's start and end were not yet certain on ``on``: a start, an end or a
    successor's start (which ends it) dated only to a window that ``on`` falls inside."""
    after = successor(periods, period)
    end = period.until or (after.start if after else None)
    return _doubts(started(reported(data, period.start), on), ended(reported(data, end), on))


def _doubts(start: Certainty, end: Certainty) -> list[Edge]:
    edges: tuple[tuple[Edge, Certainty], ...] = (("start", start), ("end", end))
    return [edge for edge, state in edges if state == "maybe"]


def contribution_start(data: Dataset, contribution: Contribution) -> Window | None:
    """When a contribution began, as far as the data tells: its date, from no earlier than its
    operation's start (one dated only "2003" began after ISAF's start in August 2003). An
    undated one began within its operation, so its window is the operation's whole span (to the
    data's as_of while it goes on). None when neither is dated: it counts as begun."""
    joined = data.operation_index.get(contribution.operation or "")
    opened = joined.start.first if joined and joined.start else dt.date.min
    if contribution.start is not None:
        return reported(data, Span(max(opened, contribution.start.first), contribution.start.last))
    if joined is None:
        return None
    closed = joined.end or joined.ended_by or data.dataset.as_of
    return reported(data, Span(opened, closed.last))


def contribution_doubts(data: Dataset, contribution: Contribution, on: dt.date) -> list[Edge]:
    """Which of a contribution's start and end were not yet certain on ``on``."""
    start = started(contribution_start(data, contribution), on)
    return _doubts(start, ended(reported(data, contribution.until), on))


def contributions(data: Dataset, partner: Partner, on: dt.date) -> list[Contribution]:
    """The partner's contributions that may have begun by ``on`` (see ``contribution_start``):
    an uncertain one is listed, and its doubts say so."""
    return [c for c in partner.contributions if begun(contribution_start(data, c), on)]


def partner_operations(data: Dataset, partner: Partner, on: dt.date) -> list[str]:
    """Ids of the operations a partner had contributed to by ``on``, in data order."""
    return _unique(c.operation for c in contributions(data, partner, on) if c.operation)


def doubtful_operations(data: Dataset, partner: Partner, on: dt.date) -> dict[str, Contribution]:
    """The operations of ``partner_operations`` that the partner may not yet have joined by
    ``on``, each with its first contribution to it."""
    listed = contributions(data, partner, on)
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


def filter_partners(
    data: Dataset,
    *,
    on: dt.date | None = None,
    relationship_is: str | None = None,
    region: str | None = None,
    operation: str | None = None,
    programme_is: str | None = None,
) -> list[Partner]:
    """Partners in data order, narrowed by each filter that is given.

    ``region`` matches the UN M49 region or sub-region, ignoring case; ``operation`` and
    ``programme_is`` accept any name of the operation or programme.
    """
    on = on or moment(data)
    # On the scene: a relationship in force, or a part in an operation under way (Singapore
    # served in ISAF years before a NATO page names it among the countries consulted).
    partners = [p for p in data.partners if relationship(p, on) or partner_operations(data, p, on)]
    if relationship_is is not None:
        partners = [p for p in partners if _value(relationship(p, on)) == relationship_is]
    if region is not None:
        regions = sorted({name for p in data.partners for name in (p.region, p.subregion)})
        try:
            wanted = normalise(lookup(region, regions, lambda name: [name], "region"))
        except NotFoundError as error:
            error.hints.append(f"regions and sub-regions in the data: {', '.join(regions)}")
            raise
        partners = [p for p in partners if wanted in (normalise(p.region), normalise(p.subregion))]
    if operation is not None:
        op = find_operation(data, operation).id
        partners = [p for p in partners if op in partner_operations(data, p, on)]
    if programme_is is not None:
        known = programmes(data)
        try:
            term = lookup(programme_is, known, term_names, "programme").id
        except NotFoundError as error:
            error.hints.append(f"programmes in the data: {', '.join(t.id for t in known)}")
            raise
        partners = [p for p in partners if _value(programme(p, on)) == term]
    return partners


def programmes(data: Dataset) -> list[Term]:
    """The glossary terms that are some partner's programme (IPCP, ITPP, ...), in term order:
    what ``--programme`` accepts, where ``icc`` or ``nac`` name no programme."""
    used = {period.value for partner in data.partners for period in partner.programme}
    return [term for term in data.terms if term.id in used]


def _value(period: RelationshipPeriod | ProgrammePeriod | None) -> str | None:
    return period.value if period else None


Step = Literal["event", "start", "attested", "end", "ended-by"]


@dataclass(frozen=True, slots=True)  # one per dated fact: a large dataset has many
class TimelineEntry:
    """One dated fact of the timeline: an event, an operation's start or end, the start,
    attestation or end of a partner's relationship or programme, or a contribution's start.

    ``record`` is what the entry is about and ``step`` which of its dates it marks; ``partner``
    is whose period or contribution it is. ``uncertain`` marks an entry of a window asked for
    (``filter_timeline``, ``changes``) whose date may fall outside it: dated only "2014" in a
    window from 2014-06. Words are the views' business.
    """

    date: PartialDate
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

    @property
    def event(self) -> Event | None:
        return self.record if self.step == "event" else None  # type: ignore[return-value]


def disputes(data: Dataset, kind: str, ident: str, field: str | None = None) -> list[Dispute]:
    """What other sources say about record ``kind.ident`` (kind as in the file: ``events``),
    or about one of its fields."""
    found = data.dispute_index.get(f"{kind}.{ident}", [])
    return [d for d in found if field in (None, d.field)]


def timeline(data: Dataset) -> list[TimelineEntry]:
    """Every dated fact in the data, oldest first: events, the start and end of operations,
    relationships, programmes, and the start of contributions. Undated facts are left out.
    Where sources disagree about an event or an operation's date, the entry carries it.

    A programme's start that an event of the same date reports for the same partner (Japan's
    ITPP, signed at the Vilnius summit) is one step, not two: the event stands for it.
    """
    entries = [
        TimelineEntry(
            e.date, e.kind, e.id, "event", e, None, tuple(e.partners), tuple(e.operations),
            _cited(e.sources, found), tuple(found),
        )
        for e in data.events
        for found in [disputes(data, "events", e.id)]
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
                TimelineEntry(
                    date, "operation", f"{op.id}-{step.replace('-', '_')}", step, op, None,
                    tuple(op.hosts), (op.id,), _cited(op.sources, found), tuple(found),
                )
            )  # fmt: skip
    told = {(e.date.text, p, t) for e in data.events for p in e.partners for t in e.terms}
    for partner in data.partners:
        entries += [
            entry
            for entry in _period_entries(data, partner)
            if not (
                entry.kind == "programme"
                and entry.step == "start"
                and (entry.date.text, partner.id, entry.record.value) in told  # type: ignore[union-attr]
            )
        ]
        for i, c in enumerate(partner.contributions):
            if c.start is None:
                continue
            operations = (c.operation,) if c.operation else ()
            entries.append(
                TimelineEntry(
                    c.start, "contribution", f"{partner.id}-contribution-{i + 1}",
                    "start" if c.since else "attested", c, partner, (partner.id,), operations,
                    tuple(c.sources),
                )
            )  # fmt: skip
    return sorted(entries, key=_order)


_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


def _order(entry: TimelineEntry) -> tuple[dt.date, int, str, int, str]:
    """The timeline's order as plain values, compared without calling back into Python: by
    date (the wider first when two start on one day), then kind, then id."""
    date = entry.date
    return (date.first, -date.last.toordinal(), date.text, _KIND_RANK[entry.kind], entry.id)


def _cited(sources: Iterable[Citation], found: Iterable[Dispute]) -> tuple[Citation, ...]:
    """A record's sources, then those of what other sources say about it."""
    return (*sources, *(c for d in found for c in d.sources))


def _period_entries(data: Dataset, partner: Partner) -> Iterator[TimelineEntry]:
    """The dated starts, attestations and ends of a partner's relationship and programme
    periods. What other sources say of the partner's relationship (or programme) concerns the
    newest period: Colombia's formal status, Korea's first year."""
    for kind, periods in partner_periods(partner):
        for i, period in enumerate(periods):
            found = disputes(data, "partners", partner.id, kind) if i == len(periods) - 1 else []
            steps: tuple[tuple[Step, PartialDate | None, Sequence[Dispute]], ...] = (
                ("start", period.since, found),
                ("attested", period.attested, found),
                ("end", period.until, ()),
            )
            for step, date, differ in steps:
                if date is not None:
                    yield TimelineEntry(
                        date, kind, _period_id(partner, kind, i, step), step, period, partner,
                        (partner.id,), (), _cited(period.sources, differ), tuple(differ),
                    )  # fmt: skip


PeriodKind = Literal["relationship", "programme"]


def _period_id(partner: Partner, kind: PeriodKind, index: int, step: str) -> str:
    """The timeline id of a period's start, attestation or end: ``japan-programme-2-start``."""
    return f"{partner.id}-{kind}-{index + 1}-{step}"


def partner_periods(
    partner: Partner,
) -> tuple[tuple[PeriodKind, Sequence[RelationshipPeriod | ProgrammePeriod]], ...]:
    """The partner's relationship periods and programme periods, each list with its kind."""
    return (("relationship", partner.relationship), ("programme", partner.programme))


def predecessor(periods: Sequence[P], period: P) -> P | None:
    """The period that ``period`` took over from (one without an end of its own)."""
    return next((p for p in periods if successor(periods, p) is period), None)


def filter_timeline(
    data: Dataset,
    *,
    on: dt.date | None = None,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    partner: Partner | None = None,
    kind: str | None = None,
    operation: Operation | None = None,
) -> list[TimelineEntry]:
    """The timeline up to ``on``, narrowed to dates (an entry counts if any of its days falls
    between the first day of ``since`` and the last of ``until``; it is uncertain if some do
    not), a partner, a kind or an operation."""
    on = on or moment(data)
    after = since.first - dt.timedelta(days=1) if since and since.first > dt.date.min else None
    entries = within(data, timeline(data), after, min(on, until.last) if until else on)
    if partner is not None:
        entries = [e for e in entries if partner.id in e.partners]
    if kind is not None:
        entries = [e for e in entries if e.kind == kind]
    if operation is not None:
        entries = [e for e in entries if operation.id in e.operations]
    return entries


def changes(
    data: Dataset, start: PartialDate, end: PartialDate | None = None
) -> list[TimelineEntry]:
    """What changed after the state at ``start`` up to the state at ``end`` (as ``--as-of``
    reads both): every timeline entry that may fall after the one and by the other. An entry
    dated "2014" may fall after 2014-06 as well as before it, so it is in both windows, and
    uncertain in each."""
    return within(data, timeline(data), start.last, moment(data, end))


def within(
    data: Dataset, entries: Iterable[TimelineEntry], after: dt.date | None, by: dt.date
) -> list[TimelineEntry]:
    """The entries that may have happened after ``after`` (None: at any time) and by ``by``,
    each marked uncertain when it may also fall outside those days (the rule of ``certainty``)."""
    found = []
    for entry in entries:
        date = reported(data, entry.date)
        before = certainty(date, after) if after else "no"
        reached = certainty(date, by)
        if before != "yes" and reached != "no":
            doubtful = "maybe" in (before, reached)
            found.append(replace(entry, uncertain=True) if doubtful else entry)
    return found


def partner_timeline(data: Dataset, partner: Partner, on: dt.date) -> list[TimelineEntry]:
    return within(data, (e for e in timeline(data) if partner.id in e.partners), None, on)


def operations_on(data: Dataset, on: dt.date) -> list[Operation]:
    """The operations that had begun by ``on`` (an undated start counts as begun)."""
    return [o for o in data.operations if begun(o.start, on)]


def operation_status(operation: Operation, on: dt.date) -> str:
    """``not-begun``, ``ongoing`` or ``ended`` on ``on`` (an undated start counts as begun); an
    end or start that may have come by then counts, and ``operation_doubts`` says it may not."""
    if not begun(operation.start, on):
        return "not-begun"
    return "ongoing" if ended(operation.end or operation.ended_by, on) == "no" else "ended"


def operation_doubts(data: Dataset, operation: Operation, on: dt.date) -> list[Edge]:
    """Which of an operation's start and end (or the date by which it ended) were not yet
    certain on ``on``."""
    end = reported(data, operation.end or operation.ended_by)
    return _doubts(started(reported(data, operation.start), on), ended(end, on))


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
    return within(data, (e for e in timeline(data) if operation.id in e.operations), None, on)


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
        *data.operations,
        *data.events,
        *data.terms,
        *data.disputes,
    ]
    for partner in data.partners:
        records += [*partner.relationship, *partner.programme, *partner.contributions]
    return records


def fold(text: str) -> str:
    """Case, accents and punctuation folded away ("Ban Ki-moon" ~ "ban ki moon"): what search
    compares, and the base of ``normalise``."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return " ".join(_NON_WORD.sub(" ", text.casefold().replace("_", " ")).split())
    return " ".join("".join(map(fold_char, text)).split())


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What ``fold`` makes of one character before it collapses spaces: a space for one that
    is not part of a word, nothing for an accent, else the character without accents and case
    ("É" gives "e", "ß" gives "ss"). ``fold`` works the same on each character in turn."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.casefold().replace("_", " "))
