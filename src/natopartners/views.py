"""Views: the only place where facts become words and records become output.

Queries return records, dates and states; a view turns them into the typed object a command
prints: a ``Listing`` of rows, or a ``Sheet`` of one record. Their rows are the public shape of
the output (documented in the README and printed by ``natopartners schema output``): snake_case
keys in a fixed order, dates as written in the data, ids for links. The TypedDicts below are
that contract; field lists derive from them, and renderers read them with their keys checked
by the type checker.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

from natopartners import queries
from natopartners.dates import PartialDate
from natopartners.vocabulary import RELATIONSHIP_LABELS, RELATIONSHIP_SHORT, Grade

if TYPE_CHECKING:
    from natopartners.models import (
        Citation,
        Contribution,
        Dataset,
        Event,
        Operation,
        Partner,
        Period,
        ProgrammePeriod,
        RelationshipPeriod,
        Source,
        Term,
    )
    from natopartners.queries import PeriodKind, TimelineEntry
    from natopartners.search import Hit

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:  # pydantic reads TypedDicts (for the output schema) from typing_extensions before 3.12
    from typing_extensions import TypedDict


class PartnerRow(TypedDict):
    """A country in ``list``. ``relationship_as_of`` is the date of the newest source behind
    the relationship shown: how current that answer is. ``uncertain`` names what was not yet
    certain on the day asked for, because the sources date it only to a year, month or decade
    that includes that day (or, for an undated contribution, only to its operation's span):
    ``relationship``, ``programme``, and ``operations.ID`` for each operation the country may
    not yet have joined. Such a value is still given; empty when everything is certain."""

    id: str
    name: str
    official_name: str
    relationship: str | None
    relationship_as_of: str | None
    programme: str | None
    region: str
    subregion: str
    iso2: str
    iso3: str
    aliases: list[str]
    operations: list[str]
    summary: str
    sources: list[str]
    uncertain: list[str]


class _ContributionFields(TypedDict):
    """What a contribution shows in ``show`` and in one operation, after whose it is."""

    title: str | None
    summary: str
    since: str | None
    attested: str | None
    until: str | None
    until_inferred: bool
    uncertain: list[str]
    sources: list[str]


class _ToOperation(TypedDict):
    operation: str | None


class ContributionView(_ToOperation, _ContributionFields):
    """A partner's part in an operation (``operation`` is null when no operation is named).
    ``title`` says in a few words what it was; ``attested`` stands in for ``since`` when only a
    source's date is known; ``until_inferred`` is true when no source gives ``until`` and it is
    inferred. ``uncertain`` lists ``start`` when it may not yet have begun on the day asked
    for (its date, or for an undated one its operation's span, includes that day) and ``end``
    when it may not yet have ended."""


class PeriodView(TypedDict):
    """A relationship or programme the partner had: when it began (or, with no known start,
    when a source first attests it), when it ended (or was suspended: the sources do not call
    that an end), or when the next one replaced it. ``uncertain`` lists ``start`` and ``end``
    (an end or a replacement) when the day asked for falls inside the year, month or decade
    that is all the sources give for it."""

    kind: str
    value: str
    label: str
    since: str | None
    attested: str | None
    until: str | None
    until_inferred: bool
    replaced_on: str | None
    suspended: bool
    uncertain: list[str]
    note: str | None
    sources: list[str]


class TimelineRow(TypedDict):
    """A dated entry in ``timeline``. ``uncertain`` is true when its date, known only to a
    year, month or decade, may fall outside the days asked for: before ``--since`` or after
    ``--until`` or ``--as-of`` (in ``changes``, on or before FROM or after TO)."""

    date: str
    kind: str
    id: str
    title: str
    summary: str
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
    summary: str
    sources: list[str]


class PartnerDetail(PartnerRow):
    """One country in ``show``; ``hosted_operations`` are the NATO-led operations on its
    territory."""

    history: list[PeriodView]
    contributions: list[ContributionView]
    hosted_operations: list[str]
    timeline: list[TimelineRow]
    disputes: list[DisputeView]
    cited_sources: list[CitedSource]


class OperationRow(TypedDict):
    """An operation in ``operations``. ``uncertain`` lists ``start`` and ``end`` when the day
    asked for falls inside the year or month that is all the sources give for them (``status``
    then counts the start or end as come, and it may not have), and ``partners.ID`` for each
    partner that may not yet have taken part."""

    id: str
    name: str
    acronym: str | None
    theatre: str
    start: str | None
    end: str | None
    ended_by: str | None
    status: str
    uncertain: list[str]
    partners: list[str]
    summary: str
    sources: list[str]


class _ByPartner(TypedDict):
    partner: str


class OperationContribution(_ByPartner, _ContributionFields):
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

    kind: str
    id: str
    name: str
    field: str
    text: str
    match: list[int]


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

R = TypeVar("R", bound=Mapping[str, Any])
D = TypeVar("D", bound=Mapping[str, Any])


@dataclass(frozen=True)
class Listing(Generic[R]):
    """Rows of one kind, for every format.

    ``fields`` are all the fields of a row, in output order; ``columns`` the few a table for
    people shows. ``for_people`` makes, when a table is drawn and not before, the same rows as
    people read them (a programme's acronym for its id, an operation's short name, ``MARK``
    after a value not yet certain) and the legend lines that explain those marks. ``single``
    marks the one record of a sheet cut down by ``--fields``: JSON prints it as an object.
    ``marks`` are spans of a field's text to highlight for people, row by row (what a search
    matched).
    """

    kind: str
    fields: tuple[str, ...]
    rows: Sequence[R]
    columns: tuple[str, ...]
    caption: str | None = None
    for_people: Callable[[], People] | None = None
    single: bool = False
    marks: Mapping[str, Sequence[tuple[int, int] | None]] = field(default_factory=dict)

    @cached_property
    def _people(self) -> People:
        return (self.rows, ()) if self.for_people is None else self.for_people()

    @property
    def people(self) -> Sequence[Mapping[str, Any]]:
        """The rows as a table for people shows them, made only when one is drawn."""
        return self._people[0]

    @property
    def legend(self) -> Sequence[str]:
        """The lines under a table for people that explain its marks."""
        return self._people[1]

    def select(self, names: Sequence[str]) -> Listing[dict[str, Any]]:
        """The same rows with only ``names``, in that order (names already checked)."""

        def cut(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
            return [{name: row[name] for name in names} for row in rows]

        marks = {name: spans for name, spans in self.marks.items() if name in names}
        return Listing(
            self.kind, tuple(names), cut(self.rows), tuple(names), self.caption,
            lambda: (cut(self.people), self.legend), self.single, marks,
        )  # fmt: skip


# The rows as people read them, and the legend of their marks.
People = tuple[Sequence[Mapping[str, Any]], Sequence[str]]


@dataclass(frozen=True)
class Bar:
    """One operation on the chart: its label, first and last day, and who took part."""

    label: str
    start: dt.date
    end: dt.date | None
    partners: list[str]


@dataclass(frozen=True)
class Chart:
    """What ``timeline --chart`` draws: operation bars and event markers on an axis from
    ``first`` to ``last``; ``earlier`` counts the events before ``first``, marked at the edge."""

    bars: list[Bar]
    markers: Sequence[tuple[dt.date, str]]
    first: dt.date
    last: dt.date
    earlier: int
    undated: list[str]


@dataclass(frozen=True)
class Timeline(Listing[TimelineRow]):
    """Timeline entries; for people, grouped by year, or drawn as ``chart``."""

    chart: Chart | None = None


@dataclass(frozen=True)
class Sheet(Generic[D]):
    """One record in full: a sheet for people, one object in JSON, one row elsewhere.

    ``as_of`` says which day it answers for; ``note`` what a reader should know first;
    ``names`` how the ids it links to read; ``doubts`` what is not yet certain that day, in
    words, by what it qualifies: ``start``, ``end``, ``history.N``, ``contributions.N`` (the
    Nth item of that list) and ``timeline`` (the legend of marked entries).
    """

    kind: str
    record: D
    fields: tuple[str, ...]
    as_of: str
    note: str | None
    names: Mapping[str, str]
    doubts: Mapping[str, str] = field(default_factory=dict)

    def select(self, names: Sequence[str]) -> Listing[dict[str, Any]]:
        one: Listing[D] = Listing(self.kind, self.fields, [self.record], (), single=True)
        return one.select(names)


class PartnerSheet(Sheet[PartnerDetail]):
    pass


class OperationSheet(Sheet[OperationDetail]):
    pass


class TermSheet(Sheet[TermDetail]):
    pass


View = Listing[Any] | PartnerSheet | OperationSheet | TermSheet


# --- Words --------------------------------------------------------------------------------


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 country``, ``2 countries``."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def overview(data: Dataset, where: str, commands: Mapping[str, str], width: int) -> str:
    """What ``natopartners`` alone prints: what the data covers, how current it is, which
    file it comes from, and the commands, wrapped to ``width``."""
    import textwrap

    info = data.dataset
    counts = ", ".join(
        plural(len(records), noun, nouns)
        for records, noun, nouns in (
            (data.partners, "country", "countries"),
            (data.operations, "operation", None),
            (data.events, "event", None),
            (data.terms, "glossary term", None),
            (data.sources, "source", None),
        )
    )
    about = [
        f"{info.title}, data as of {info.as_of} (version {info.version}); later developments "
        "are not covered.",
        f"{counts}. Data file: {where}",
    ]
    pad = max(map(len, commands), default=0) + 2
    lines = [line for paragraph in about for line in textwrap.wrap(paragraph, width)]
    lines += ["", "Commands:"]
    for name, text in commands.items():
        lines += textwrap.wrap(
            text, width, initial_indent=f"  {name:<{pad}}", subsequent_indent=" " * (pad + 2)
        )
    lines += ["", "Run 'natopartners COMMAND -h' for options and examples."]
    return "\n".join(lines) + "\n"


def relationship_label(value: str) -> str:
    return RELATIONSHIP_LABELS.get(value, value)


def programme_label(data: Dataset, value: str, *, short: bool = False) -> str:
    """ "Individual Partnership and Cooperation Programme (IPCP)", or with ``short`` "IPCP"."""
    term = data.term_index.get(value)
    if term is None:
        return value
    if term.acronym:
        return term.acronym if short else f"{term.name} ({term.acronym})"
    return term.name


def period_label(data: Dataset, kind: PeriodKind, value: str, *, short: bool = False) -> str:
    if kind == "relationship":
        return relationship_label(value)
    return programme_label(data, value, short=short)


def short_name(record: Operation | Term) -> str:
    """An acronym, else the name without "Operation": "Sea Guardian"."""
    if record.acronym:
        return record.acronym
    for prefix in ("Operation ", "Operations "):
        if record.name.startswith(prefix):
            return record.name.removeprefix(prefix)
    return record.name


def display_names(data: Dataset) -> dict[str, str]:
    """Names of partners, operations and terms by id, for people to read instead of ids."""
    named: list[Partner | Operation | Term] = [*data.partners, *data.operations, *data.terms]
    return {record.id: record.name for record in named}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Moment:
    """The day a command answers about, and how to say so."""

    data: Dataset
    as_of: PartialDate | None = None

    @property
    def on(self) -> dt.date:
        return queries.moment(self.data, self.as_of)

    @property
    def label(self) -> str:
        newest = self.data.dataset.as_of
        return f"{self.as_of} (data as of {newest})" if self.as_of else str(newest)

    @property
    def caption(self) -> str:
        return f"As of {self.label}."

    @property
    def summary_note(self) -> str | None:
        """What a sheet says when it answers for a day before the data's newest: summaries
        are written once, from everything the data knows."""
        newest = self.data.dataset.as_of
        if self.as_of is None or self.on >= newest.last:
            return None
        return (
            f"Summary and notes written from all the data, up to {newest}; the rest is as of "
            f"{self.as_of}."
        )


def _text(date: PartialDate | None) -> str | None:
    return date.text if date else None


def _ended(date: PartialDate | None, on: dt.date) -> str | None:
    """An end date as known on ``on``: one still to come is not shown."""
    return date.text if date and queries.begun(date, on) else None


# --- Doubts: what the day asked for falls inside the window of ------------------------------

MARK = "?"
"""After a value, for people: not yet certain on the day asked for (a legend says why)."""


def when(date: str | None) -> str | None:
    """A date for a sentence: a decade reads "the 1990s"."""
    return f"the {date}" if date and date.endswith("s") else date


def start_doubt(
    data: Dataset, start: PartialDate | None, on: dt.date, operation: str | None = None
) -> str:
    """Why a start was not yet certain on ``on``: "during 2023; not yet certain on
    2023-01-01", or for an undated contribution the span of its ``operation``."""
    joined = data.operation_index.get(operation or "")
    if start is None and joined is not None:
        end = joined.end or joined.ended_by
        span = f"{joined.start or 'an undated start'} to {end or 'date'}"
        reason = f"undated, within the operation ({span})"
    else:
        reason = f"during {when(_text(start))}"
    return f"{reason}; not yet certain on {on.isoformat()}"


def end_doubt(end: PartialDate | None, on: dt.date, *, over_by: bool = False) -> str:
    """Why an end was not yet certain on ``on``: "ends during 2014; may have ended by ...";
    ``over_by`` when ``end`` is only a date by which it was over."""
    reason = f"over by {when(_text(end))}" if over_by else f"ends during {when(_text(end))}"
    return f"{reason}; may have ended by {on.isoformat()}"


def _doubt(
    data: Dataset,
    edges: Sequence[str],
    on: dt.date,
    period: Period,
    replaced: PartialDate | None = None,
    operation: str | None = None,
) -> str | None:
    """What of ``period`` (a relationship, programme or contribution) ``edges`` say was not yet
    certain on ``on``, in words; its end is its ``until``, else the date it was ``replaced``."""
    said = [start_doubt(data, period.start, on, operation)] if "start" in edges else []
    said += [end_doubt(period.until or replaced, on)] if "end" in edges else []
    return "; ".join(said) or None


def _legend(doubts: Iterable[str]) -> tuple[str, ...]:
    """Legend lines, one per marked value: "? Australia, ITPP: during 2023; ..."."""
    return tuple(dict.fromkeys(f"{MARK} {doubt}" for doubt in doubts))


def _marked(
    row: Mapping[str, Any], shown: Mapping[str, Any], doubts: Iterable[str]
) -> dict[str, Any]:
    """``shown`` (``row`` as people read it) with ``MARK`` after each value that ``doubts``
    names: a field, or ``field.ID`` for one id of a list."""
    marked = dict(shown)
    for doubt in doubts:
        name, _, item = doubt.partition(".")
        if item:
            marked[name] = [
                f"{label}{MARK}" if ident == item else label
                for ident, label in zip(row[name], marked[name], strict=True)
            ]
        elif marked.get(name) is not None:
            marked[name] = f"{marked[name]}{MARK}"
    return marked


def source_ids(citations: Iterable[Citation]) -> list[str]:
    return list(dict.fromkeys([c.source for c in citations]))


def _source_fields(source: Source) -> SourceFields:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "updated": _text(source.updated),
        "published": _text(source.published),
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
        {**_source_fields(source), "sections": sections[source.id]}
        for source in (data.source_index[sid] for sid in sections)
    ]


def dispute_views(data: Dataset, kind: str, ident: str) -> list[DisputeView]:
    return [
        {"field": d.field, "value": d.value, "summary": d.summary, "sources": source_ids(d.sources)}
        for d in queries.disputes(data, kind, ident)
    ]


# --- Partners -----------------------------------------------------------------------------


def partner_doubts(data: Dataset, partner: Partner, on: dt.date) -> dict[str, str]:
    """What of a partner's row was not yet certain on ``on`` (named as in ``uncertain``), each
    with why, for the legend: "Australia, ITPP: during 2023; not yet certain on ..."."""
    found: dict[str, str] = {}
    for kind, periods in queries.partner_periods(partner):
        period = queries.current(periods, on)
        edges = queries.period_doubts(data, periods, period, on) if period else []
        if period and edges:
            what = "relationship" if kind == "relationship" else short_name_of(data, period.value)
            found[kind] = f"{partner.name}, {what}: {_doubt(data, edges, on, period)}"
    for operation, first in queries.doubtful_operations(data, partner, on).items():
        why = start_doubt(data, first.start, on, operation)
        found[f"operations.{operation}"] = (
            f"{partner.name} in {short_name_of(data, operation)}: {why}"
        )
    return found


def short_name_of(data: Dataset, ident: str) -> str:
    """The short name of the operation or glossary term ``ident`` (the id if neither)."""
    record = data.operation_index.get(ident) or data.term_index.get(ident)
    return short_name(record) if record else ident


def partner_row(data: Dataset, partner: Partner, on: dt.date) -> PartnerRow:
    """A partner as things stood on ``on``."""
    relationship = queries.relationship(partner, on)
    programme = queries.programme(partner, on)
    return {
        "id": partner.id,
        "name": partner.name,
        "official_name": partner.official_name,
        "relationship": relationship.value if relationship else None,
        "relationship_as_of": _text(_attested_by(data, relationship, on)),
        "programme": programme.value if programme else None,
        "region": partner.region,
        "subregion": partner.subregion,
        "iso2": partner.iso2,
        "iso3": partner.iso3,
        "aliases": list(partner.aliases),
        "operations": queries.partner_operations(data, partner, on),
        "summary": partner.summary,
        "sources": source_ids(partner.sources),
        "uncertain": list(partner_doubts(data, partner, on)),
    }


def _for_people(data: Dataset, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the ids and codes people do not read replaced by what they do: labels of
    relationships, acronyms of programmes, short names of operations, names of partners."""
    labels: dict[str, dict[str, str]] = {
        "relationship": RELATIONSHIP_SHORT,
        "programme": {t.id: short_name(t) for t in data.terms},
        "operations": {o.id: short_name(o) for o in data.operations},
        "partners": {p.id: p.name for p in data.partners},
    }

    def label(name: str, value: Any) -> Any:
        named = labels.get(name)
        if named is None or value is None:
            return value
        if isinstance(value, list):
            return [named.get(item, item) for item in value]
        return named.get(value, value)

    return [{name: label(name, value) for name, value in row.items()} for row in rows]


def partners(data: Dataset, rows: Sequence[Partner], moment: Moment) -> Listing[PartnerRow]:
    """The partners as of the moment; for people, what is not yet certain marked, and why."""
    found = [partner_row(data, p, moment.on) for p in rows]

    def for_people() -> People:
        shown = [
            _marked(row, people, row["uncertain"])
            for row, people in zip(found, _for_people(data, found), strict=True)
        ]
        doubts = (why for p in rows for why in partner_doubts(data, p, moment.on).values())
        return shown, _legend(doubts)

    columns = ("name", "relationship", "programme", "region", "operations")
    caption = " ".join(filter(None, [moment.caption, _how_current(found)]))
    return Listing("partners", PARTNER_FIELDS, found, columns, caption, for_people)


def _how_current(rows: Iterable[PartnerRow]) -> str | None:
    """How current each relationship shown is: the newest source behind it among the rows,
    e.g. "Relationships as last attested: partner across the globe 2024-10-03; ..."."""
    newest: dict[str, str] = {}
    for row in rows:
        value, date = row["relationship"], row["relationship_as_of"]
        if value is not None and date is not None:
            known = newest.get(value)
            if known is None or PartialDate.parse(date) > PartialDate.parse(known):
                newest[value] = date
    said = "; ".join(f"{RELATIONSHIP_SHORT[v].lower()} {d}" for v, d in newest.items())
    return f"Relationships as last attested: {said}." if said else None


def _attested_by(data: Dataset, period: Period | None, on: dt.date) -> PartialDate | None:
    """The date of the newest source behind ``period`` that had appeared by ``on``."""
    dates = [
        date
        for citation in (period.sources if period else [])
        for source in [data.source_index[citation.source]]
        if (date := source.published or source.updated) is not None and date.first <= on
    ]
    return max(dates, default=None)


def partner_sheet(data: Dataset, partner: Partner, moment: Moment) -> PartnerSheet:
    """One partner in full as of the moment: row, history, contributions, the operations on
    its territory, its own timeline and the sources cited."""
    on = moment.on
    contributions = queries.contributions(data, partner, on)
    periods = [p for p in (*partner.relationship, *partner.programme) if queries.begun(p.start, on)]
    citations = [*partner.sources]
    for record in (*periods, *contributions, *queries.disputes(data, "partners", partner.id)):
        citations.extend(record.sources)
    hosted = [o.id for o in queries.operations_on(data, on) if partner.id in o.hosts]
    history = period_views(data, partner, on)
    entries = queries.partner_timeline(data, partner, on)
    detail: PartnerDetail = {
        **partner_row(data, partner, on),
        "history": [view for view, _ in history],
        "contributions": [
            {"operation": c.operation, **_contribution_fields(data, c, on)} for c in contributions
        ],
        "hosted_operations": hosted,
        "timeline": timeline_rows(data, entries),
        "disputes": dispute_views(data, "partners", partner.id),
        "cited_sources": cited_sources(data, citations),
    }
    doubts = {f"history.{i}": why for i, (_, why) in enumerate(history) if why}
    doubts |= _contribution_doubts(data, contributions, on)
    return PartnerSheet(
        "partners", detail, DETAIL_FIELDS, moment.label, moment.summary_note, display_names(data),
        doubts | _timeline_doubts(entries),
    )  # fmt: skip


def period_views(
    data: Dataset, partner: Partner, on: dt.date
) -> list[tuple[PeriodView, str | None]]:
    """The partner's relationships, then its programmes, as far as they had begun by ``on``,
    each with what of it was not yet certain then, in words; an end or a replacement after
    ``on`` is not yet known then."""
    views: list[tuple[PeriodView, str | None]] = []
    for kind, periods in queries.partner_periods(partner):
        for period in periods:
            if not queries.begun(period.start, on):
                continue
            after = queries.successor(periods, period)
            replaced = after.start if after and queries.begun(after.start, on) else None
            until = _ended(period.until, on)
            edges = queries.period_doubts(data, periods, period, on)
            view: PeriodView = {
                "kind": kind,
                "value": period.value,
                "label": period_label(data, kind, period.value),
                "since": _text(period.since),
                "attested": _text(period.attested),
                "until": until,
                "until_inferred": period.until_inferred and until is not None,
                "replaced_on": _text(replaced),
                "suspended": period.suspended and until is not None,
                "uncertain": list(edges),
                "note": period.note,
                "sources": source_ids(period.sources),
            }
            views.append((view, _doubt(data, edges, on, period, replaced)))
    return views


def contribution_title(data: Dataset, contribution: Contribution) -> str:
    """What the contribution was: its own title, else the operation it went to."""
    if contribution.title:
        return contribution.title
    joined = data.operation_index.get(contribution.operation or "")
    return f"contribution to {joined.acronym or joined.name}" if joined else "contribution"


def _contribution_fields(
    data: Dataset, contribution: Contribution, on: dt.date
) -> _ContributionFields:
    until = _ended(contribution.until, on)
    return {
        "title": contribution.title,
        "summary": contribution.summary,
        "since": _text(contribution.since),
        "attested": _text(contribution.attested),
        "until": until,
        "until_inferred": contribution.until_inferred and until is not None,
        "uncertain": list(queries.contribution_doubts(data, contribution, on)),
        "sources": source_ids(contribution.sources),
    }


def _contribution_doubts(
    data: Dataset, contributions: Iterable[Contribution], on: dt.date
) -> dict[str, str]:
    """What of each contribution was not yet certain on ``on``, in words, by
    ``contributions.N`` (the sheets' key)."""
    found: dict[str, str] = {}
    for i, c in enumerate(contributions):
        why = _doubt(data, queries.contribution_doubts(data, c, on), on, c, operation=c.operation)
        if why:
            found[f"contributions.{i}"] = why
    return found


# --- Timeline -----------------------------------------------------------------------------


def timeline_rows(data: Dataset, entries: Iterable[TimelineEntry]) -> list[TimelineRow]:
    return [timeline_row(data, e) for e in entries]


def timeline_row(data: Dataset, entry: TimelineEntry) -> TimelineRow:
    title, summary = _words(data, entry)
    return {
        "date": entry.date.text,
        "kind": entry.kind,
        "id": entry.id,
        "title": title,
        "summary": summary,
        "partners": list(entry.partners),
        "operations": list(entry.operations),
        "sources": source_ids(entry.sources),
        "sources_differ": [d.summary for d in entry.disputes],
        "uncertain": entry.uncertain,
    }


TIMELINE_DOUBT = (
    "dated only to a year, month or decade that runs past the dates asked for: it may fall "
    "outside them"
)


def _timeline_doubts(entries: Iterable[TimelineEntry]) -> dict[str, str]:
    """The sheets' legend of marked timeline entries, by ``timeline``, if any is marked."""
    return {"timeline": TIMELINE_DOUBT} if any(e.uncertain for e in entries) else {}


def _words(data: Dataset, entry: TimelineEntry) -> tuple[str, str]:
    """The title and summary of a timeline entry."""
    record, step = entry.record, entry.step
    # Dispatched on what the entry says it is: isinstance would need the models imported here,
    # and this runs once for every entry of the timeline.
    if step == "event":
        event = cast("Event", record)
        return event.title, event.summary
    if entry.kind == "operation":
        record = cast("Operation", record)
        name = f"{record.name} ({record.acronym})" if record.acronym else record.name
        what = {"start": "start", "end": "end", "ended-by": "over by this date"}[step]
        if step == "ended-by":
            what += " (no source dates the end)"
        return f"{name}: {what}", record.summary if step == "start" else ""
    who = entry.partner.name if entry.partner else ""
    if entry.kind == "contribution":
        record = cast("Contribution", record)
        title = f"{who}: {contribution_title(data, record)}"
        return title + (", attested" if step == "attested" else ""), record.note or record.summary
    record = cast("RelationshipPeriod | ProgrammePeriod", record)
    note = record.note or ""
    if entry.kind == "relationship":
        name = relationship_label(record.value)
        if step == "end":
            return (
                f"{who}: {name} suspended" if record.suspended else f"{who}: no longer {name}",
                "",
            )
        return (f"{who}: attested as {name}" if step == "attested" else f"{who}: {name}"), note
    name = programme_label(data, record.value, short=True)
    if step == "end":
        return f"{who}: {name} {'suspended' if record.suspended else 'ends'}", ""
    if step == "attested":
        return f"{who}: {name} attested", note
    before = queries.predecessor(entry.partner.programme, record) if entry.partner else None
    replacing = (
        f", replacing the {programme_label(data, before.value, short=True)}" if before else ""
    )
    return f"{who}: {name} begins{replacing}", note


def timeline(
    data: Dataset,
    entries: Sequence[TimelineEntry],
    caption: str,
    chart: Chart | None = None,
) -> Timeline:
    """Timeline entries; for people, the date of an uncertain one marked, and a legend."""
    rows = timeline_rows(data, entries)

    def for_people() -> People:
        shown = [
            _marked(row, people, ["date"] if row["uncertain"] else [])
            for row, people in zip(rows, _for_people(data, rows), strict=True)
        ]
        return shown, _legend(_timeline_doubts(entries).values())

    columns = ("date", "kind", "title", "partners", "operations")
    return Timeline("events", TIMELINE_FIELDS, rows, columns, caption, for_people, chart=chart)


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
) -> Chart:
    """Operations begun by ``on`` (an end after ``on`` is open), narrowed like the timeline:
    a ``kind`` other than ``operation`` leaves only the markers of ``entries``. The axis spans
    what is drawn: the bars, or the events when there are none; events before the first bar
    are counted at the left edge."""
    last = min(on, until.last) if until else on
    bars: list[Bar] = []
    undated: list[str] = []
    drawn = queries.operations_on(data, last) if kind in (None, "operation") else []
    for op in drawn:
        who = [p for p, _ in queries.operation_contributions(data, op, last)]
        if (operation and op.id != operation.id) or (partner and partner not in who):
            continue
        if op.start is None:
            undated.append(short_name(op))
            continue
        over = op.end or op.ended_by
        end = over.last if over and over.first <= last else None
        if since and end and end < since.first:
            continue
        names = list(dict.fromkeys(p.name for p in who))
        bars.append(Bar(short_name(op), op.start.first, end, names))
    markers = [(e.date.first, e.kind) for e in entries if e.kind != "operation"]
    starts = [bar.start for bar in bars] or [day for day, _ in markers]
    first = min(starts, default=last)
    if since:
        first = max(first, since.first)
    bars = [replace(bar, start=max(bar.start, first)) for bar in bars]
    earlier = sum(1 for day, _ in markers if day < first)
    markers = [(d, k) for d, k in markers if first <= d <= last]
    return Chart(bars, markers, first, last, earlier, undated)


# --- Operations, terms, sources, search ---------------------------------------------------

Status = Literal["not-begun", "ongoing", "ended"]


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
        "uncertain": list(operation_doubts(data, operation, on)),
        "partners": list(dict.fromkeys(p.id for p, _ in contributors)),
        "summary": operation.summary,
        "sources": source_ids(operation.sources),
    }


def operation_doubts(data: Dataset, operation: Operation, on: dt.date) -> dict[str, str]:
    """What of an operation's row was not yet certain on ``on`` (named as in ``uncertain``),
    each with why: "during 2008; not yet certain on ...", "ends during 2021; may have ..."."""
    edges = queries.operation_doubts(data, operation, on)
    found = {"start": start_doubt(data, operation.start, on)} if "start" in edges else {}
    if "end" in edges:
        found["end"] = end_doubt(
            operation.end or operation.ended_by, on, over_by=operation.end is None
        )
    for partner, first in queries.doubtful_partners(data, operation, on).items():
        found[f"partners.{partner}"] = start_doubt(data, first.start, on, operation.id)
    return found


STATUS_LABELS = {
    "not-begun": "not begun",
    "ongoing": "ongoing",
    "ended": "ended",
}


def operations(data: Dataset, moment: Moment) -> Listing[OperationRow]:
    """The operations begun by the moment; for people, their short names, what is not yet
    certain marked and said in the status, with a legend."""
    on = moment.on
    found = queries.operations_on(data, on)
    rows = [operation_row(data, o, on) for o in found]
    # For people: the short name, and an end no source dates as "by DATE".
    short = {o.id: short_name(o) for o in data.operations}

    def for_people() -> People:
        shown = [
            _marked(
                row,
                {
                    **people,
                    "name": short[row["id"]],
                    "end": row["end"] or (f"by {row['ended_by']}" if row["ended_by"] else None),
                    "status": _status(row),
                },
                row["uncertain"],
            )
            for row, people in zip(rows, _for_people(data, rows), strict=True)
        ]
        return shown, _legend(why for o in found for why in _operation_legend(data, o, on))

    columns = ("name", "theatre", "start", "end", "status", "partners")
    return Listing("operations", OPERATION_FIELDS, rows, columns, moment.caption, for_people)


def _operation_legend(data: Dataset, operation: Operation, on: dt.date) -> Iterator[str]:
    """The legend of what is marked in an operation's row: "RSM, end: ends during 2021; ...",
    "Argentina in BiH: undated, within ..."."""
    name = short_name(operation)
    for doubt, why in operation_doubts(data, operation, on).items():
        field, _, partner = doubt.partition(".")
        what = f"{data.partner_index[partner].name} in {name}" if partner else f"{name}, {field}"
        yield f"{what}: {why}"


def _status(row: OperationRow) -> str:
    """The status for people: "may have ended" when the end is not yet certain, "may have
    begun" when the start is not."""
    doubts = row["uncertain"]
    if row["status"] == "ended" and "end" in doubts:
        return "may have ended"
    if row["status"] == "ongoing" and "start" in doubts:
        return "may have begun"
    return STATUS_LABELS[row["status"]]


def operation_sheet(data: Dataset, operation: Operation, moment: Moment) -> OperationSheet:
    on = moment.on
    contributions = queries.operation_contributions(data, operation, on)
    citations = [*operation.sources, *(c for _, item in contributions for c in item.sources)]
    citations += [c for d in queries.disputes(data, "operations", operation.id) for c in d.sources]
    entries = queries.operation_timeline(data, operation, on)
    detail: OperationDetail = {
        **operation_row(data, operation, on),
        "contributions": [
            {"partner": partner.id, **_contribution_fields(data, item, on)}
            for partner, item in contributions
        ],
        "timeline": timeline_rows(data, entries),
        "disputes": dispute_views(data, "operations", operation.id),
        "cited_sources": cited_sources(data, citations),
    }
    doubts = {
        edge: why for edge, why in operation_doubts(data, operation, on).items() if "." not in edge
    }
    doubts |= _contribution_doubts(data, (item for _, item in contributions), on)
    return OperationSheet(
        "operations",
        detail,
        OPERATION_DETAIL_FIELDS,
        moment.label,
        moment.summary_note,
        display_names(data),
        doubts | _timeline_doubts(entries),
    )


def term_row(term: Term) -> TermRow:
    return {
        "id": term.id,
        "name": term.name,
        "acronym": term.acronym,
        "summary": term.summary,
        "sources": source_ids(term.sources),
    }


def terms(data: Dataset, moment: Moment) -> Listing[TermRow]:
    rows = [term_row(t) for t in data.terms]
    return Listing("terms", TERM_FIELDS, rows, ("name", "acronym", "summary"), moment.caption)


def term_sheet(data: Dataset, term: Term, moment: Moment) -> TermSheet:
    naming = {e.id for e in data.events if term.id in e.terms}
    entries = [e for e in queries.filter_timeline(data, on=moment.on) if e.id in naming]
    detail: TermDetail = {
        **term_row(term),
        "timeline": timeline_rows(data, entries),
        "cited_sources": cited_sources(data, term.sources),
    }
    return TermSheet(
        "terms", detail, TERM_DETAIL_FIELDS, moment.label, moment.summary_note, {},
        _timeline_doubts(entries),
    )  # fmt: skip


def source_row(source: Source, cited_by: int) -> SourceRow:
    return {**_source_fields(source), "note": source.note, "cited_by": cited_by}


def sources(data: Dataset, moment: Moment) -> Listing[SourceRow]:
    counts = queries.citation_counts(data)
    rows = [source_row(s, counts[s.id]) for s in data.sources]
    columns = ("publisher", "title", "published", "updated", "grade", "cited_by", "url")
    return Listing("sources", SOURCE_FIELDS, rows, columns, moment.caption)


def hits(found: Sequence[Hit], moment: Moment) -> Listing[SearchHit]:
    rows: list[SearchHit] = [
        {
            "kind": h.kind, "id": h.id, "name": h.name, "field": h.field, "text": h.text,
            "match": list(h.match),
        }
        for h in found
    ]  # fmt: skip
    columns = ("kind", "name", "field", "text")
    marks = {"text": [h.match for h in found]}
    return Listing("records", HIT_FIELDS, rows, columns, moment.caption, marks=marks)


def cited_by(
    data: Dataset, record: Partner | Operation | Term | TimelineEntry | None, moment: Moment
) -> tuple[list[Source], dict[str, list[str]]]:
    """The sources behind one answer, with the sections cited from each: those ``show``,
    ``operations`` or ``glossary`` cite for a record, those of one timeline entry, or, with no
    record, every source in the data."""
    from natopartners.models import Operation, Partner, Term

    cited: list[CitedSource]
    if record is None:
        return list(data.sources), {}
    if isinstance(record, Partner):
        cited = partner_sheet(data, record, moment).record["cited_sources"]
    elif isinstance(record, Operation):
        cited = operation_sheet(data, record, moment).record["cited_sources"]
    elif isinstance(record, Term):
        cited = term_sheet(data, record, moment).record["cited_sources"]
    else:
        cited = cited_sources(data, record.sources)
    return [data.source_index[c["id"]] for c in cited], {c["id"]: c["sections"] for c in cited}
