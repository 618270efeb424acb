"""The output contract: the rows every command prints, and how they are made from the data.

Each ``TypedDict`` below is the public shape of one kind of record (documented in the README
and printed by ``natopartners schema output``): snake_case keys in a fixed order, dates as the
data writes them, ids for links, closed vocabularies as ``Literal``\\ s. The builders fill them
from the models as things stood on a day; the type checker checks every key where a row is
built and where a renderer reads it. Rows carry facts and structured doubts (``uncertain``
names what was not yet certain); the few words they hold (a timeline entry's title, a
period's label) come from ``words``. A row for a day knows nothing that came after it: every
``summary`` and ``note`` drawn from a source that appeared later is null (``queries.prose``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from natopartners import queries
from natopartners.vocabulary import (
    Edge,
    Grade,
    HitKind,
    OperationStatus,
    PeriodKind,
    Relationship,
    TimelineKind,
)

if TYPE_CHECKING:
    from natopartners.dates import PartialDate
    from natopartners.lookup import Unlisted
    from natopartners.models import (
        Announcement,
        Citation,
        Contribution,
        Country,
        Dataset,
        Operation,
        Partner,
        Period,
        Source,
        Term,
    )
    from natopartners.queries import TimelineEntry
    from natopartners.search import Hit

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:  # pydantic reads TypedDicts (for the output schema) from typing_extensions before 3.12
    from typing_extensions import TypedDict

Coverage = Literal["partner", "country", "iso"]


class AnnouncedEnd(TypedDict):
    """An end one side announced while the relationship still stands in the sources: when it
    was said, what, and that no source shows it formalised; with its sources."""

    date: str
    summary: str | None
    sources: list[str]


class PartnerRow(TypedDict):
    """A country in ``list`` (and the head of ``show``).

    ``coverage`` says how the data knows it: ``partner`` (the subject: a partner across the
    globe, a country consulted, named beside NATO in operations, or an applicant), ``country``
    (the rest of the world, answered briefly: an Ally, a partner of a regional framework, or a
    country often taken for a partner) or ``iso`` (a country of ISO 3166-1 the data holds no
    record of: none of these). ``relationship_as_of`` and ``programme_as_of`` are the dates of
    the newest source behind each: how current that answer is. ``uncertain`` names what was not
    yet certain on the day asked for, because the sources date it only to a year, month or
    decade that includes that day (or, for an undated contribution, only to its operation's
    span): ``relationship``, ``programme``, and ``operations.ID`` for each operation the
    country may not yet have joined. Such a value is still given; empty when all is certain.
    ``summary`` (like every summary and note) is null on a day before a source it is drawn
    from appeared; ``sources`` then lists those of the record's own that had."""

    id: str
    name: str
    official_name: str
    coverage: Coverage
    relationship: Relationship | None
    relationship_as_of: str | None
    announced_end: AnnouncedEnd | None
    programme: str | None
    programme_as_of: str | None
    region: str | None
    subregion: str | None
    iso2: str
    iso3: str | None
    aliases: list[str]
    operations: list[str]
    summary: str | None
    sources: list[str]
    uncertain: list[str]


class ContributionFields(TypedDict):
    """What a contribution shows in ``show`` and in one operation, after whose it is."""

    title: str | None
    summary: str | None
    note: str | None
    since: str | None
    attested: str | None
    until: str | None
    until_inferred: bool
    uncertain: list[Edge]
    sources: list[str]


class _ToOperation(TypedDict):
    operation: str | None


class ContributionView(_ToOperation, ContributionFields):
    """A country's part in an operation (``operation`` is null when no operation is named).
    ``title`` says in a few words what it was; ``note`` qualifies it (a doubtful date, a
    figure); ``attested`` stands in for ``since`` when only a source's date is known;
    ``until_inferred`` is true when no source gives ``until``: it is the end of the operation,
    the latest it can be. ``uncertain`` lists ``start`` when it may not yet have begun on the
    day asked for and ``end`` when it may not yet have ended."""


class PeriodView(TypedDict):
    """A relationship or programme the country had: when it began (or, with no known start,
    when a source first attests it), when it ended (or was suspended: the sources do not call
    that an end), or when the next one replaced it; an end one side announced; ``as_of`` the
    date of its newest source. ``uncertain`` lists ``start`` and ``end`` (an end or a
    replacement) when the day asked for falls inside the year, month or decade that is all
    the sources give for it."""

    kind: PeriodKind
    value: str
    label: str
    since: str | None
    attested: str | None
    until: str | None
    until_inferred: bool
    replaced_on: str | None
    suspended: bool
    announced_end: AnnouncedEnd | None
    as_of: str | None
    uncertain: list[Edge]
    note: str | None
    sources: list[str]


class TimelineRow(TypedDict):
    """A dated entry in ``timeline``. ``uncertain`` is true when its date, known only to a
    year, month or decade, may fall outside the days asked for: before ``--since`` or after
    ``--until`` or ``--as-of`` (in ``changes``, on or before FROM or after TO)."""

    date: str
    kind: TimelineKind
    id: str
    title: str
    summary: str | None
    partners: list[str]
    operations: list[str]
    sources: list[str]
    sources_differ: list[str]
    uncertain: bool


class SourceFields(TypedDict):
    """What every view of a source carries: ``updated`` is the date a page shows as its last
    update, ``published`` an article's own date."""

    id: str
    title: str
    publisher: str
    url: str
    updated: str | None
    published: str | None
    grade: Grade


class CitedSource(SourceFields):
    """A source a record rests on, with the sections of it that are cited."""

    sections: list[str]


class DisputeView(TypedDict):
    """Another value that other sources give for one of the record's fields."""

    field: str
    value: str
    summary: str | None
    sources: list[str]


class PartnerDetail(PartnerRow):
    """One country in ``show``; ``hosted_operations`` are the NATO-led operations that ran on
    its territory (NMI went on from Naples after leaving Iraq in 2026)."""

    history: list[PeriodView]
    contributions: list[ContributionView]
    hosted_operations: list[str]
    timeline: list[TimelineRow]
    disputes: list[DisputeView]
    cited_sources: list[CitedSource]


class OperationRow(TypedDict):
    """An operation in ``operations``. ``status_as_of`` is the date of the newest source on the
    operation: how current its status is. ``uncertain`` lists ``start`` and ``end`` when the
    day asked for falls inside the year or month that is all the sources give for them
    (``status`` then counts the start or end as come, and it may not have), and ``partners.ID``
    for each partner that may not yet have taken part."""

    id: str
    name: str
    acronym: str | None
    theatre: str
    start: str | None
    end: str | None
    ended_by: str | None
    status: OperationStatus
    status_as_of: str | None
    uncertain: list[str]
    partners: list[str]
    summary: str | None
    sources: list[str]


class _ByPartner(TypedDict):
    partner: str


class OperationContribution(_ByPartner, ContributionFields):
    """A partner's part in the operation shown; ``uncertain`` as in ``show``'s contributions."""


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
    """A match in ``search``: the record, the field where the text was found (a path such as
    ``contributions[2].note``), a snippet of that field around the match, and where the match
    lies in the snippet (start and end offsets)."""

    kind: HitKind
    id: str
    name: str
    field: str
    text: str
    match: list[int]


def fields_of(row: type[Any]) -> tuple[str, ...]:
    """The keys of a row type, in output order."""
    return tuple(row.__annotations__)


# --- Shared pieces ---------------------------------------------------------------------------


def text(date: PartialDate | None) -> str | None:
    return date.text if date else None


def known(date: PartialDate | None, on: dt.date) -> str | None:
    """A date as known on ``on``: one still to come is not shown."""
    return date.text if date and queries.begun(date, on) else None


def source_ids(citations: Sequence[Citation]) -> list[str]:
    if len(citations) == 1:  # the commonest case, on every one of a timeline's rows
        return [citations[0].source]
    return list(dict.fromkeys([c.source for c in citations]))


def source_fields(source: Source) -> SourceFields:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "updated": text(source.updated),
        "published": text(source.published),
        "grade": source.grade,
    }


def cited_sources(data: Dataset, citations: Iterable[Citation]) -> list[CitedSource]:
    """The sources behind ``citations``, in first-cited order, each with its cited sections."""
    sections: dict[str, list[str]] = {}
    for citation in citations:
        found = sections.setdefault(citation.source, [])
        if citation.section and citation.section not in found:
            found.append(citation.section)
    return [
        {**source_fields(source), "sections": sections[source.id]}
        for source in (data.source_index[sid] for sid in sections)
    ]


def own_sources(data: Dataset, citations: Sequence[Citation], on: dt.date) -> list[Citation]:
    """A record's own sources (those its summary is drawn from) as an answer for ``on`` lists
    them: all while the summary is shown; once it is left out, those dated by ``on`` (an
    undated one, which nothing places, is left out with it)."""
    if not queries.drawn_after(data, citations, on):
        return list(citations)
    return [
        c for c in citations if (d := queries.source_date(data, c)) is not None and d.first <= on
    ]


def dispute_views(data: Dataset, kind: str, ident: str, on: dt.date) -> list[DisputeView]:
    return [
        {
            "field": d.field,
            "value": d.value,
            "summary": queries.prose(data, d.summary, d.sources, on),
            "sources": source_ids(d.sources),
        }
        for d in queries.disputes(data, kind, ident)
    ]


def _announced(data: Dataset, said: Announcement | None, on: dt.date) -> AnnouncedEnd | None:
    """An announced end, once it had been said."""
    if said is None or not queries.begun(said.date, on):
        return None
    return {
        "date": said.date.text,
        "summary": queries.prose(data, said.summary, said.sources, on),
        "sources": source_ids(said.sources),
    }


def _as_of(data: Dataset, period: Period | None, on: dt.date) -> str | None:
    return text(queries.newest_source(data, period.sources, on)) if period else None


# --- Countries --------------------------------------------------------------------------------


def partner_row(data: Dataset, nation: Partner | Country, on: dt.date) -> PartnerRow:
    """A country the data holds, as things stood on ``on``."""
    from natopartners.models import Partner

    relationship = queries.relationship(nation, on)
    programme = queries.programme(nation, on)
    return {
        "id": nation.id,
        "name": nation.name,
        "official_name": nation.official_name,
        "coverage": "partner" if isinstance(nation, Partner) else "country",
        "relationship": relationship.value if relationship else None,
        "relationship_as_of": _as_of(data, relationship, on),
        "announced_end": _announced(data, relationship.announced_end, on) if relationship else None,
        "programme": programme.value if programme else None,
        "programme_as_of": _as_of(data, programme, on),
        "region": nation.region,
        "subregion": nation.subregion,
        "iso2": nation.iso2,
        "iso3": nation.iso3,
        "aliases": list(nation.aliases),
        "operations": queries.partner_operations(data, nation, on),
        "summary": queries.prose(data, nation.summary, nation.sources, on),
        "sources": source_ids(own_sources(data, nation.sources, on)),
        "uncertain": partner_doubts(data, nation, on),
    }


def partner_doubts(data: Dataset, nation: Partner | Country, on: dt.date) -> list[str]:
    """What of a country's row was not yet certain on ``on``, named as in ``uncertain``."""
    found: list[str] = []
    for kind, periods in queries.periods_of(nation):
        period = queries.current(periods, on)
        if period and queries.period_doubts(data, periods, period, on):
            found.append(kind)
    found += [f"operations.{op}" for op in queries.doubtful_operations(data, nation, on)]
    return found


def unlisted_row(data: Dataset, country: Unlisted) -> PartnerRow:
    """A country of ISO 3166-1 the data holds no record of: none of what it knows. It rests on
    the lists the data is complete against (``dataset.lists``), as current as their newest."""
    lists = data.dataset.lists
    newest = queries.newest_source(data, lists, data.dataset.as_of.last)
    return {
        "id": country.id,
        "name": country.name,
        "official_name": country.official_name,
        "coverage": "iso",
        "relationship": None,
        "relationship_as_of": text(newest),
        "announced_end": None,
        "programme": None,
        "programme_as_of": None,
        "region": None,
        "subregion": None,
        "iso2": country.iso2,
        "iso3": country.iso3,
        "aliases": list(country.aliases),
        "operations": [],
        "summary": None,
        "sources": source_ids(lists),
        "uncertain": [],
    }


def partner_detail(data: Dataset, nation: Partner | Country, on: dt.date) -> PartnerDetail:
    """One country in full as of ``on``: row, history, contributions, the operations on its
    territory, its own timeline and the sources cited."""
    from natopartners.models import Partner

    contributions = queries.contributions(data, nation, on)
    periods = [p for p in (*nation.relationship, *nation.programme) if queries.begun(p.start, on)]
    table = "partners" if isinstance(nation, Partner) else "countries"
    citations = own_sources(data, nation.sources, on)
    for record in (*periods, *contributions, *queries.disputes(data, table, nation.id)):
        citations.extend(record.sources)
    for period in nation.relationship:
        said = period.announced_end
        if said is not None and queries.begun(period.start, on) and queries.begun(said.date, on):
            citations.extend(said.sources)
    hosted = [o.id for o in queries.operations_on(data, on) if nation.id in o.hosts]
    return {
        **partner_row(data, nation, on),
        "history": period_views(data, nation, on),
        "contributions": [
            {"operation": c.operation, **contribution_fields(data, c, on)} for c in contributions
        ],
        "hosted_operations": hosted,
        "timeline": timeline_rows(data, queries.nation_timeline(data, nation, on), on),
        "disputes": dispute_views(data, table, nation.id, on),
        "cited_sources": cited_sources(data, citations),
    }


def unlisted_detail(data: Dataset, country: Unlisted) -> PartnerDetail:
    return {
        **unlisted_row(data, country),
        "history": [],
        "contributions": [],
        "hosted_operations": [],
        "timeline": [],
        "disputes": [],
        "cited_sources": cited_sources(data, data.dataset.lists),
    }


def period_views(data: Dataset, nation: Partner | Country, on: dt.date) -> list[PeriodView]:
    """The country's relationships, then its programmes, as far as they had begun by ``on``;
    an end or a replacement after ``on`` is not yet known then."""
    from natopartners import words
    from natopartners.models import RelationshipPeriod

    views: list[PeriodView] = []
    for kind, periods in queries.periods_of(nation):
        for period in periods:
            if not queries.begun(period.start, on):
                continue
            after = queries.successor(periods, period)
            replaced = after.start if after and queries.begun(after.start, on) else None
            until = known(period.until, on)
            said = period.announced_end if isinstance(period, RelationshipPeriod) else None
            views.append(
                {
                    "kind": kind,
                    "value": period.value,
                    "label": words.period_label(data, kind, period.value),
                    "since": text(period.since),
                    "attested": text(period.attested),
                    "until": until,
                    "until_inferred": period.until_inferred and until is not None,
                    "replaced_on": text(replaced),
                    "suspended": period.suspended and until is not None,
                    "announced_end": _announced(data, said, on),
                    "as_of": _as_of(data, period, on),
                    "uncertain": queries.period_doubts(data, periods, period, on),
                    "note": queries.prose(data, period.note, period.sources, on),
                    "sources": source_ids(period.sources),
                }
            )
    return views


def contribution_fields(
    data: Dataset, contribution: Contribution, on: dt.date
) -> ContributionFields:
    until = known(contribution.until, on)
    return {
        "title": contribution.title,
        "summary": queries.prose(data, contribution.summary, contribution.sources, on),
        "note": queries.prose(data, contribution.note, contribution.sources, on),
        "since": text(contribution.since),
        "attested": text(contribution.attested),
        "until": until,
        "until_inferred": contribution.until_inferred and until is not None,
        "uncertain": queries.contribution_doubts(data, contribution, on),
        "sources": source_ids(contribution.sources),
    }


# --- Timeline ---------------------------------------------------------------------------------


def timeline_rows(
    data: Dataset, entries: Iterable[TimelineEntry], on: dt.date
) -> list[TimelineRow]:
    """One row per entry, as an answer for ``on`` shows it (a 10,000-partner timeline has
    130,000: one loop, words looked up once)."""
    from natopartners.words import entry as words_of

    rows: list[TimelineRow] = []
    for entry in entries:
        title, summary = words_of(data, entry)
        rows.append(
            {
                "date": entry.date.text,
                "kind": entry.kind,
                "id": entry.id,
                "title": title,
                "summary": queries.prose(data, summary, entry.sources, on),
                "partners": list(entry.partners),
                "operations": list(entry.operations),
                "sources": source_ids(entry.sources),
                "sources_differ": [
                    d.summary
                    for d in entry.disputes
                    if queries.prose(data, d.summary, d.sources, on)
                ],
                "uncertain": entry.uncertain,
            }
        )
    return rows


# --- Operations, terms, sources, search -------------------------------------------------------


def operation_row(data: Dataset, operation: Operation, on: dt.date) -> OperationRow:
    """An operation as things stood on ``on``: an end after that day is not shown."""
    contributors = queries.operation_contributions(data, operation, on)
    doubts: list[str] = list(queries.operation_doubts(data, operation, on))
    doubts += [f"partners.{p}" for p in queries.doubtful_partners(data, operation, on)]
    return {
        "id": operation.id,
        "name": operation.name,
        "acronym": operation.acronym,
        "theatre": operation.theatre,
        "start": text(operation.start),
        "end": known(operation.end, on),
        "ended_by": known(operation.ended_by, on),
        "status": queries.operation_status(operation, on),
        "status_as_of": text(queries.newest_source(data, operation.sources, on)),
        "uncertain": doubts,
        "partners": list(dict.fromkeys(p.id for p, _ in contributors)),
        "summary": queries.prose(data, operation.summary, operation.sources, on),
        "sources": source_ids(own_sources(data, operation.sources, on)),
    }


def operation_detail(data: Dataset, operation: Operation, on: dt.date) -> OperationDetail:
    contributions = queries.operation_contributions(data, operation, on)
    citations = own_sources(data, operation.sources, on)
    citations += [c for _, item in contributions for c in item.sources]
    citations += [c for d in queries.disputes(data, "operations", operation.id) for c in d.sources]
    return {
        **operation_row(data, operation, on),
        "contributions": [
            {"partner": partner.id, **contribution_fields(data, item, on)}
            for partner, item in contributions
        ],
        "timeline": timeline_rows(data, queries.operation_timeline(data, operation, on), on),
        "disputes": dispute_views(data, "operations", operation.id, on),
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


def term_entries(data: Dataset, term: Term, on: dt.date) -> list[TimelineEntry]:
    """The timeline entries of the events that name ``term``, up to ``on``."""
    naming = {e.id for e in data.events if term.id in e.terms}
    return [e for e in queries.filter_timeline(data, on=on) if e.id in naming]


def term_detail(data: Dataset, term: Term, on: dt.date) -> TermDetail:
    return {
        **term_row(term),
        "timeline": timeline_rows(data, term_entries(data, term, on), on),
        "cited_sources": cited_sources(data, term.sources),
    }


def source_row(source: Source, cited_by: int) -> SourceRow:
    return {**source_fields(source), "note": source.note, "cited_by": cited_by}


def source_rows(data: Dataset, on: dt.date) -> list[SourceRow]:
    """The sources that had appeared by ``on`` (``queries.sources_by``), each with how many
    records of the whole data cite it."""
    counts = queries.citation_counts(data)
    return [source_row(s, counts[s.id]) for s in queries.sources_by(data, on)]


def hit_rows(found: Sequence[Hit]) -> list[SearchHit]:
    return [
        {
            "kind": h.kind, "id": h.id, "name": h.name, "field": h.field, "text": h.text,
            "match": list(h.match),
        }
        for h in found
    ]  # fmt: skip
