"""Output views: the records each command prints, built field by field.

A view is the public shape of the output (documented in the README and printed by
``natopartners schema output``): snake_case keys in a fixed order, dates as written in the
data, ids for links. It is separate from the storage models so the data file can evolve
without breaking scripts. The TypedDicts below are that contract; field lists derive from them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from natopartners import queries

if TYPE_CHECKING:
    from natopartners.dates import PartialDate
    from natopartners.models import (
        Citation,
        Contribution,
        Dataset,
        Operation,
        Partner,
        Source,
        Term,
    )
    from natopartners.queries import Hit, TimelineEntry

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:  # pydantic reads TypedDicts (for the output schema) from typing_extensions before 3.12
    from typing_extensions import TypedDict

Row = Mapping[str, Any]


class PartnerRow(TypedDict):
    """A country in ``list``."""

    id: str
    name: str
    official_name: str
    relationship: str | None
    programme: str | None
    region: str
    subregion: str
    iso2: str
    iso3: str
    aliases: list[str]
    operations: list[str]
    summary: str
    sources: list[str]


class ContributionView(TypedDict):
    """A partner's part in an operation (``operation`` is null when no operation is named).
    ``attested`` stands in for ``since`` when only a source's date is known."""

    operation: str | None
    summary: str
    since: str | None
    attested: str | None
    until: str | None
    sources: list[str]


class PeriodView(TypedDict):
    """A relationship or programme the partner had: when it began (or, with no known start,
    when a source first attests it), when it ended (or was suspended: the sources do not call
    that an end), or when the next one replaced it."""

    kind: str
    value: str
    label: str
    since: str | None
    attested: str | None
    until: str | None
    replaced_on: str | None
    suspended: bool
    note: str | None
    sources: list[str]


class TimelineRow(TypedDict):
    """A dated entry in ``timeline``."""

    date: str
    kind: str
    id: str
    title: str
    summary: str
    partners: list[str]
    operations: list[str]
    sources: list[str]
    sources_differ: list[str]


class SourceFields(TypedDict):
    """What every view of a source carries."""

    id: str
    title: str
    publisher: str
    url: str
    updated: str | None
    grade: str


class CitedSource(SourceFields):
    """A source a record rests on, with the sections of it that are cited."""

    sections: list[str]


class DisputeView(TypedDict):
    """Another value that other sources give for one of the record's fields."""

    field: str
    value: str
    summary: str
    sources: list[str]


class PartnerDetail(PartnerRow):
    """One country in ``show``."""

    history: list[PeriodView]
    contributions: list[ContributionView]
    timeline: list[TimelineRow]
    disputes: list[DisputeView]
    cited_sources: list[CitedSource]


class OperationRow(TypedDict):
    """An operation in ``operations``."""

    id: str
    name: str
    acronym: str | None
    theatre: str
    start: str | None
    end: str | None
    ended_by: str | None
    status: str
    partners: list[str]
    summary: str
    sources: list[str]


class OperationContribution(TypedDict):
    """A partner's part in the operation shown."""

    partner: str
    summary: str
    since: str | None
    attested: str | None
    until: str | None
    sources: list[str]


class OperationDetail(OperationRow):
    """One operation in ``operations OPERATION``."""

    contributions: list[OperationContribution]
    timeline: list[TimelineRow]
    disputes: list[DisputeView]
    cited_sources: list[CitedSource]


class TermRow(TypedDict):
    """A body, framework or programme in ``glossary``."""

    id: str
    name: str
    acronym: str | None
    summary: str
    sources: list[str]


class TermDetail(TermRow):
    """One term in ``glossary TERM``."""

    timeline: list[TimelineRow]
    cited_sources: list[CitedSource]


class SourceRow(SourceFields):
    """A document in ``sources``, with how many records cite it."""

    note: str | None
    cited_by: int


class SearchHit(TypedDict):
    """A match in ``search``: the record, and the field where the text was found."""

    kind: str
    id: str
    name: str
    field: str
    text: str


def fields_of(view: type[Any]) -> tuple[str, ...]:
    return tuple(view.__annotations__)


PARTNER_FIELDS = fields_of(PartnerRow)
DETAIL_FIELDS = fields_of(PartnerDetail)
TIMELINE_FIELDS = fields_of(TimelineRow)
OPERATION_FIELDS = fields_of(OperationRow)
OPERATION_DETAIL_FIELDS = fields_of(OperationDetail)
TERM_FIELDS = fields_of(TermRow)
TERM_DETAIL_FIELDS = fields_of(TermDetail)
SOURCE_FIELDS = fields_of(SourceRow)
HIT_FIELDS = fields_of(SearchHit)


@dataclass(frozen=True)
class Listing:
    """Rows of one kind, with every field they carry and the few a table shows by default."""

    kind: str
    fields: tuple[str, ...]
    rows: Sequence[Row]
    table_fields: tuple[str, ...] = ()

    def select(self, fields: Sequence[str]) -> Listing:
        """The same rows with only ``fields``, in that order (names already checked)."""
        rows = [{name: row[name] for name in fields} for row in self.rows]
        return Listing(self.kind, tuple(fields), rows, tuple(fields))


def _text(date: PartialDate | None) -> str | None:
    return date.text if date else None


class _ContributionFields(TypedDict):
    """What a contribution shows in ``show`` and in one operation, after whose it is."""

    summary: str
    since: str | None
    attested: str | None
    until: str | None
    sources: list[str]


def _contribution_fields(contribution: Contribution, on: dt.date) -> _ContributionFields:
    return {
        "summary": contribution.summary,
        "since": _text(contribution.since),
        "attested": _text(contribution.attested),
        "until": _ended(contribution.until, on),
        "sources": source_ids(contribution.sources),
    }


def _ended(date: PartialDate | None, on: dt.date) -> str | None:
    """An end date as known on ``on``: one still to come is not shown."""
    return date.text if date and queries.begun(date, on) else None


def display_names(data: Dataset) -> dict[str, str]:
    """Names of partners, operations and terms by id, for people to read instead of ids."""
    named: list[Partner | Operation | Term] = [*data.partners, *data.operations, *data.terms]
    return {record.id: record.name for record in named}


def source_ids(citations: Iterable[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in citations))


def cited_sources(data: Dataset, citations: Iterable[Citation]) -> list[CitedSource]:
    """The sources behind ``citations``, in first-cited order, each with its cited sections."""
    sections: dict[str, list[str]] = {}
    for citation in citations:
        found = sections.setdefault(citation.source, [])
        if citation.section and citation.section not in found:
            found.append(citation.section)
    return [
        {**_source_fields(source), "sections": sections[source.id]}
        for source in (data.source_index[sid] for sid in sections)
    ]


def dispute_views(data: Dataset, kind: str, ident: str) -> list[DisputeView]:
    return [
        {"field": d.field, "value": d.value, "summary": d.summary, "sources": source_ids(d.sources)}
        for d in queries.disputes(data, kind, ident)
    ]


def partner_row(data: Dataset, partner: Partner, on: dt.date) -> PartnerRow:
    """A partner as things stood on ``on``."""
    relationship = queries.relationship(partner, on)
    programme = queries.programme(partner, on)
    return {
        "id": partner.id,
        "name": partner.name,
        "official_name": partner.official_name,
        "relationship": relationship.value if relationship else None,
        "programme": programme.value if programme else None,
        "region": partner.region,
        "subregion": partner.subregion,
        "iso2": partner.iso2,
        "iso3": partner.iso3,
        "aliases": list(partner.aliases),
        "operations": queries.partner_operations(data, partner, on),
        "summary": partner.summary,
        "sources": source_ids(partner.sources),
    }


def partners(data: Dataset, rows: Sequence[Partner], on: dt.date) -> Listing:
    table = ("name", "relationship", "programme", "region", "operations")
    return Listing("partners", PARTNER_FIELDS, [partner_row(data, p, on) for p in rows], table)


def partner_detail(data: Dataset, partner: Partner, on: dt.date) -> PartnerDetail:
    """One partner in full as of ``on``: row, contributions, own timeline, cited sources."""
    contributions = queries.contributions(data, partner, on)
    history = period_views(data, partner, on)
    periods = [p for p in (*partner.relationship, *partner.programme) if queries.begun(p.start, on)]
    citations = [*partner.sources]
    for record in (*periods, *contributions, *queries.disputes(data, "partners", partner.id)):
        citations.extend(record.sources)
    return {
        **partner_row(data, partner, on),
        "history": history,
        "contributions": [
            {"operation": c.operation, **_contribution_fields(c, on)} for c in contributions
        ],
        "timeline": [timeline_row(e) for e in queries.partner_timeline(data, partner, on)],
        "disputes": dispute_views(data, "partners", partner.id),
        "cited_sources": cited_sources(data, citations),
    }


def period_views(data: Dataset, partner: Partner, on: dt.date) -> list[PeriodView]:
    """The partner's relationships, then its programmes, as far as they had begun by ``on``;
    an end or a replacement after ``on`` is not yet known then."""
    views: list[PeriodView] = []
    for kind, periods in queries.partner_periods(partner):
        for period in periods:
            if not queries.begun(period.start, on):
                continue
            after = queries.successor(periods, period)
            replaced = after.start if after and queries.begun(after.start, on) else None
            until = _ended(period.until, on)
            views.append(
                {
                    "kind": kind,
                    "value": period.value,
                    "label": queries.period_label(data, kind, period.value),
                    "since": _text(period.since),
                    "attested": _text(period.attested),
                    "until": until,
                    "replaced_on": _text(replaced),
                    "suspended": period.suspended and until is not None,
                    "note": period.note,
                    "sources": source_ids(period.sources),
                }
            )
    return views


def timeline_row(entry: TimelineEntry) -> TimelineRow:
    return {
        "date": entry.date.text,
        "kind": entry.kind,
        "id": entry.id,
        "title": entry.title,
        "summary": entry.summary,
        "partners": list(entry.partners),
        "operations": list(entry.operations),
        "sources": source_ids(entry.sources),
        "sources_differ": list(entry.disputes),
    }


def timeline(entries: Sequence[TimelineEntry]) -> Listing:
    table = ("date", "kind", "title", "partners", "operations")
    return Listing("events", TIMELINE_FIELDS, [timeline_row(e) for e in entries], table)


def operation_row(data: Dataset, operation: Operation, on: dt.date) -> OperationRow:
    """An operation as things stood on ``on``: an end after that day is not shown."""
    contributors = queries.operation_contributions(data, operation, on)
    return {
        "id": operation.id,
        "name": operation.name,
        "acronym": operation.acronym,
        "theatre": operation.theatre,
        "start": _text(operation.start),
        "end": _ended(operation.end, on),
        "ended_by": _ended(operation.ended_by, on),
        "status": queries.operation_status(operation, on),
        "partners": list(dict.fromkeys(p.id for p, _ in contributors)),
        "summary": operation.summary,
        "sources": source_ids(operation.sources),
    }


def operations(data: Dataset, on: dt.date) -> Listing:
    rows = [operation_row(data, o, on) for o in queries.operations_on(data, on)]
    table = ("id", "name", "theatre", "start", "end", "partners")
    return Listing("operations", OPERATION_FIELDS, rows, table)


def operation_detail(data: Dataset, operation: Operation, on: dt.date) -> OperationDetail:
    contributions = queries.operation_contributions(data, operation, on)
    citations = [*operation.sources, *(c for _, item in contributions for c in item.sources)]
    citations += [c for d in queries.disputes(data, "operations", operation.id) for c in d.sources]
    return {
        **operation_row(data, operation, on),
        "contributions": [
            {"partner": partner.id, **_contribution_fields(item, on)}
            for partner, item in contributions
        ],
        "timeline": [timeline_row(e) for e in queries.operation_timeline(data, operation, on)],
        "disputes": dispute_views(data, "operations", operation.id),
        "cited_sources": cited_sources(data, citations),
    }


def term_row(term: Term) -> TermRow:
    return {
        "id": term.id,
        "name": term.name,
        "acronym": term.acronym,
        "summary": term.summary,
        "sources": source_ids(term.sources),
    }


def terms(data: Dataset) -> Listing:
    table = ("id", "name", "acronym")
    return Listing("terms", TERM_FIELDS, [term_row(t) for t in data.terms], table)


def term_detail(data: Dataset, term: Term, on: dt.date) -> TermDetail:
    naming = _events_naming(data, term)
    entries = [e for e in queries.filter_timeline(data, on=on) if e.id in naming]
    return {
        **term_row(term),
        "timeline": [timeline_row(e) for e in entries],
        "cited_sources": cited_sources(data, term.sources),
    }


def _events_naming(data: Dataset, term: Term) -> set[str]:
    return {e.id for e in data.events if term.id in e.terms}


def _source_fields(source: Source) -> SourceFields:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "updated": _text(source.updated),
        "grade": source.grade,
    }


def source_row(source: Source, cited_by: int) -> SourceRow:
    return {**_source_fields(source), "note": source.note, "cited_by": cited_by}


def sources(data: Dataset) -> Listing:
    counts = queries.citation_counts(data)
    rows = [source_row(s, counts[s.id]) for s in data.sources]
    table = ("id", "publisher", "title", "updated", "grade", "cited_by", "url")
    return Listing("sources", SOURCE_FIELDS, rows, table)


def hits(found: Sequence[Hit]) -> Listing:
    rows: list[SearchHit] = [
        {"kind": h.kind, "id": h.id, "name": h.name, "field": h.field, "text": h.text}
        for h in found
    ]
    return Listing("records", HIT_FIELDS, rows, ("kind", "id", "name", "field"))


@dataclass(frozen=True)
class ChartData:
    """What ``timeline --chart`` draws: operation bars, event markers and the axis range."""

    bars: list[tuple[str, dt.date, dt.date | None, list[str]]]
    markers: list[tuple[dt.date, str]]
    first: dt.date
    last: dt.date
    undated: list[str]


def chart(
    data: Dataset,
    entries: Sequence[TimelineEntry],
    on: dt.date,
    *,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    partner: Partner | None = None,
    operation: Operation | None = None,
    kind: str | None = None,
) -> ChartData:
    """Operations begun by ``on`` (an end after ``on`` is open), narrowed like the timeline:
    a ``kind`` other than ``operation`` leaves only the markers of ``entries``."""
    last = min(on, until.last) if until else on
    bars, undated = [], []
    drawn = queries.operations_on(data, last) if kind in (None, "operation") else []
    for op in drawn:
        who = [p for p, _ in queries.operation_contributions(data, op, last)]
        if (operation and op.id != operation.id) or (partner and partner not in who):
            continue
        if op.start is None:
            undated.append(op.acronym or op.name)
            continue
        over = op.end or op.ended_by
        end = over.last if over and over.first <= last else None
        if since and end and end < since.first:
            continue
        label = op.acronym or op.name
        bars.append((label, op.start.first, end, list(dict.fromkeys(p.name for p in who))))
    markers: list[tuple[dt.date, str]] = [
        (e.date.first, e.kind) for e in entries if e.kind != "operation"
    ]
    starts = [start for _, start, _, _ in bars] + [day for day, _ in markers]
    first = min(starts, default=last)
    if since:
        first = max(first, since.first)
        bars = [(label, max(start, first), end, who) for label, start, end, who in bars]
    markers = [(d, k) for d, k in markers if first <= d <= last]
    return ChartData(bars, markers, first, last, undated)
