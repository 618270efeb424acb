"""The schema of the dataset: frozen pydantic models and the cross-reference check.

Every record rests on at least one source. Facts that change over time (a partner's
relationship and programme) are lists of periods, so the data can say what was true when.
"""

# No ``from __future__ import annotations``: pydantic would evaluate every field's annotation
# from its text when each class is made, which costs start-up; as objects they are ready.

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from natopartners.dates import PartialDate
from natopartners.errors import shown
from natopartners.vocabulary import SUBJECT, WORLD, EventKind, Grade, Relationship

__all__ = ["Dataset", "PartialDate", "reference_problems"]  # PartialDate: re-exported


# Characters data text may not hold, by what they would do on a reader's screen: every one
# that ``str.isprintable`` refuses (controls, format characters such as bidi and zero-width
# ones, line and paragraph separators, private-use and unassigned code points), but the
# newline and tab of prose and the no-break spaces; and the fillers that print as nothing.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
_KINDS = {
    "Cc": "control character",
    "Zl": "line or paragraph separator",
    "Zp": "line or paragraph separator",
    "Co": "private-use character",
    "Cn": "unassigned code point",
    "Cs": "surrogate",
}


def forbidden(char: str) -> str | None:
    """What ``char`` would do that data text may not, or None: "control character", ..."""
    if char.isprintable():
        return "invisible filler character" if char in _FILLERS else None
    if char in "\n\t":
        return None
    import unicodedata  # only for text that is not all printable: rare, and 0.3 ms to import

    category = unicodedata.category(char)
    if category == "Zs":  # a no-break or other fixed space: visible as a space
        return None
    if char in _BIDI:
        return "bidirectional control"
    if char in _ZERO_WIDTH:
        return "zero-width character"
    return _KINDS.get(category, "invisible format character")


def _printable(value: str) -> str:
    """Refuse characters that drive, split or disguise text on the reader's screen."""
    if value.isascii() and value.isprintable():  # nearly all text: no filler is ASCII
        return value
    if not value.isprintable() or not _FILLERS.isdisjoint(value):
        for char in value:
            if kind := forbidden(char):
                raise ValueError(f"contains the {kind} U+{ord(char):04X}, which is not allowed")
    return value


def _single_line(value: str) -> str:
    """``_printable``, and no newline or tab: one check, so pydantic-core calls out to Python
    once for each of the data's several thousand names and titles, not twice."""
    if "\n" in value or "\t" in value:
        _printable(value)  # a character that is not allowed at all is said first
        raise ValueError("must be a single line without tabs")
    return _printable(value)


Prose = Annotated[str, StringConstraints(min_length=1), AfterValidator(_printable)]
T = TypeVar("T")
# A list in the file, a tuple in the model: what is loaded cannot be changed under another
# caller. (Strict elsewhere, a tuple field still takes the file's list; its items stay strict.)
Items = Annotated[tuple[T, ...], Field(strict=False)]
Line = Annotated[str, StringConstraints(min_length=1), AfterValidator(_single_line)]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Field(description="A stable lowercase identifier: letters, digits and single hyphens."),
]
# A URL as RFC 3986 writes one: no space, and none of the characters it leaves out (< > " { } |
# \ ^ `), which a renderer of Markdown or a terminal's link would end the address at.
URL_PATTERN = r'^https?://[^\s<>"{}|\\^`]+$'
Url = Annotated[Line, StringConstraints(pattern=URL_PATTERN)]


class Record(BaseModel):
    """Base of every model: strict, frozen, and refusing unknown keys."""

    # defer_build: a schema is built on the first validation, not at import, so commands that
    # never validate (help, completion) do not pay for it.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Citation(Record):
    """Where a record's facts come from: a source id and, optionally, the section."""

    source: Id = Field(description="The id of an entry in [[sources]].")
    section: Line | None = Field(None, description="The part of the source that says it.")


class Sourced(Record):
    """A record that must cite at least one source."""

    sources: Items[Citation] = Field(min_length=1, description="What the record rests on.")


class Period(Sourced):
    """A value that held from ``since`` until ``until`` (an end is open if undated).

    A period without ``until`` ends when a later period of the same list begins: an IPCP
    replaced by an ITPP needs no end date that no source gives.
    """

    since: PartialDate | None = Field(None, description="First date the value held, if known.")
    attested: PartialDate | None = Field(
        None,
        description="When the start is not known: the date of the earliest source found that "
        "attests the value. The period counts from then.",
    )
    until: PartialDate | None = Field(
        None,
        description="Last date the value held, if it ended. A contribution cannot end after its "
        "operation, nor a programme after the partner's relationship.",
    )
    suspended: bool = Field(
        False, description="The value was suspended on until, which the sources do not call an end."
    )
    until_inferred: bool = Field(
        False,
        description="No source gives until: it is inferred from the end of what the period "
        "belongs to, and shown as inferred. Needs until; on a contribution, until must then be "
        "its operation's end or ended_by (to that date's day, month or year). Validation checks "
        "this; that every until no source gives is marked is checked against the sources.",
    )
    note: Prose | None = Field(None, description="A short qualification, in our own words.")

    @property
    def start(self) -> PartialDate | None:
        """From when the data counts the value: its start, else the date it is attested."""
        return self.since or self.attested

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.since and self.attested:
            raise ValueError("give since (a known start) or attested (a start not known), not both")
        if self.until_inferred and not self.until:
            raise ValueError("until_inferred needs until, the inferred end")
        if self.suspended and not self.until:
            raise ValueError("suspended needs until, the day of the suspension")
        start = self.start
        if start and self.until and self.until.last < start.first:
            raise ValueError(f"until ({self.until}) is before the start ({start})")
        return self


class Announcement(Sourced):
    """What one side said about a relationship that no source shows carried out: an end
    announced by a country, say, but never formalised."""

    date: PartialDate = Field(description="The day, month or year it was said.")
    summary: Prose = Field(description="Who said what, and what no source shows, briefly.")


class RelationshipPeriod(Period):
    """How NATO classed the country over a period."""

    value: Relationship
    announced_end: Announcement | None = Field(
        None,
        description="An end one side announced while the relationship still stands in the "
        "sources (no source shows it formalised). Shown with the relationship everywhere.",
    )

    @model_validator(mode="after")
    def _announced_within(self) -> "RelationshipPeriod":
        said, start = self.announced_end, self.start
        if said and start and said.date.last < start.first:
            raise ValueError(f"announced_end ({said.date}) is before the start ({start})")
        if said and self.until and said.date.first > self.until.last:
            raise ValueError(f"announced_end ({said.date}) is after until ({self.until})")
        return self


class ProgrammePeriod(Period):
    """The cooperation programme (a glossary term id, e.g. ``ipcp``) over a period."""

    value: Id = Field(description="The id of the programme's entry in [[terms]].")


class Contribution(Period):
    """A country's part in an operation or in the efforts around one.

    Its dates lie within its operation's: a contribution known only to a year may share that
    year with the operation's start or end, but not fall wholly before or after it.
    """

    operation: Id | None = Field(
        None, description="The operation, when the source ties the contribution to one."
    )
    title: Line | None = Field(
        None,
        description="What the contribution was, in a few words from its sources, e.g. "
        "Provincial Reconstruction Team in Uruzgan; it labels the contribution in timelines.",
    )
    summary: Prose


class DatasetInfo(Record):
    """What the file is and how current it is."""

    title: Line
    version: Line
    as_of: PartialDate = Field(
        description="Date of the newest source the data uses: no record may be dated later, "
        "and no source be newer."
    )
    description: Prose | None = None
    lists: Items[Citation] = Field(
        default=(),
        description="The sources whose lists the data's countries are complete against "
        "(NATO's members, the partners of its regional frameworks, its partners across the "
        "globe): a country the data does not hold was none of these as of the newest of them.",
    )


class Source(Record):
    """A document the data rests on."""

    id: Id
    title: Line
    publisher: Line
    url: Url
    updated: PartialDate | None = Field(
        None,
        description="Date of the page's own last-update line, if it shows one; never an "
        "article's date.",
    )
    published: PartialDate | None = Field(
        None,
        description="Date of publication (an article's or a document's date): the one printed "
        "on the source, or, where it prints none, the one the fact sheet gives it (a posting "
        "date in its address, the issue or report it belongs to), as the note says.",
    )
    grade: Grade = Field(
        description="N NATO, G government, M press or think tank, W weak (never used alone)."
    )
    note: Prose | None = None


ISO2 = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 code (XK, a user-assigned code, for Kosovo)."),
]
ISO3 = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 3166-1 alpha-3 code."),
]


class _Nation(Sourced):
    """What every country record holds, a partner or not."""

    id: Id
    name: Line = Field(description="Common English name.")
    official_name: Line
    aliases: Items[Line] = Field(default=(), description="Other names people use.")
    iso2: ISO2
    region: Line = Field(description="UN M49 region, e.g. Asia.")
    subregion: Line = Field(description="UN M49 sub-region, e.g. Eastern Asia.")
    relationship: Items[RelationshipPeriod] = Field(
        default=(),
        description="What the country was to NATO, period by period, in order of their start.",
    )
    summary: Prose

    def _in_order(self, name: str, periods: Sequence[Period]) -> None:
        """A later period takes over from an earlier one, so each list must run in order."""
        starts = [(i, p.start) for i, p in enumerate(periods) if p.start is not None]
        for (i, earlier), (j, later) in pairwise(starts):
            if later.first < earlier.first:
                raise ValueError(
                    f"{name}[{j}] ({later}) starts before {name}[{i}] ({earlier}): "
                    "periods must be in order of their start"
                )


class Partner(_Nation):
    """A country NATO works with one by one, consults, or operates beside: the subject."""

    iso3: ISO3
    relationship: Items[RelationshipPeriod] = Field(
        min_length=1,
        description="What the country was to NATO, period by period, in order of their start: "
        "global-partner, consulted, operation-contributor or applicant.",
    )
    programme: Items[ProgrammePeriod] = Field(default=())
    contributions: Items[Contribution] = Field(default=())

    @model_validator(mode="after")
    def _periods_in_order(self) -> "Partner":
        self._in_order("relationship", self.relationship)
        self._in_order("programme", self.programme)
        return self


class Country(_Nation):
    """A country outside the subject, answered briefly: a NATO Ally, a partner of one of
    NATO's regional frameworks, or a country often taken for a partner that is none of these
    (with no relationship: the summary says what it is). A country the data does not hold at
    all is none of these either (see ``DatasetInfo.lists``)."""

    iso3: ISO3 | None = Field(None, description="ISO 3166-1 alpha-3 code; none where ISO has none.")
    relationship: Items[RelationshipPeriod] = Field(
        default=(),
        description="What the country was to NATO, period by period, in order of their start: "
        "ally, euro-atlantic-partner, mediterranean-dialogue or istanbul-cooperation-initiative; "
        "empty for a country that is none of these.",
    )

    # No programme or contribution is recorded for the rest of the world.
    programme: ClassVar[tuple[ProgrammePeriod, ...]] = ()
    contributions: ClassVar[tuple[Contribution, ...]] = ()

    @model_validator(mode="after")
    def _periods_in_order(self) -> "Country":
        self._in_order("relationship", self.relationship)
        return self


class Operation(Sourced):
    """A NATO-led operation or mission."""

    id: Id
    name: Line
    acronym: Line | None = None
    theatre: Line
    aliases: Items[Line] = Field(
        default=(),
        description="Other names the sources use, e.g. Operation Joint Guardian.",
    )
    hosts: Items[Id] = Field(
        default=(),
        description="Ids of the partners on whose territory the operation ran (ISAF: "
        "afghanistan), so that a host's sheet can name it.",
    )
    start: PartialDate | None = Field(None, description="Start date, if the sources give one.")
    end: PartialDate | None = Field(None, description="End date; none while ongoing.")
    ended_by: PartialDate | None = Field(
        None,
        description="When no source dates the end: a date by which the operation had ended, "
        "e.g. the start of its successor.",
    )
    summary: Prose

    @model_validator(mode="after")
    def _ordered(self) -> "Operation":
        if self.end and self.ended_by:
            raise ValueError("give end (a known end) or ended_by (an end not known), not both")
        for name, date in (("end", self.end), ("ended_by", self.ended_by)):
            if self.start and date and date.last < self.start.first:
                raise ValueError(f"{name} ({date}) is before start ({self.start})")
        return self


class Event(Sourced):
    """A dated step: a summit, a ministerial meeting, a policy decision, a dialogue."""

    id: Id
    date: PartialDate
    kind: EventKind
    title: Line
    summary: Prose
    partners: Items[Id] = Field(default=(), description="Partners the event names.")
    operations: Items[Id] = Field(default=(), description="Operations it names.")
    terms: Items[Id] = Field(default=(), description="Glossary terms it names.")


class Term(Sourced):
    """A body, framework or programme named in the sources."""

    id: Id
    name: Line
    acronym: Line | None = None
    aliases: Items[Line] = Field(
        default=(),
        description="Other names or wordings the sources use, e.g. the IPCP's name without "
        "'and'; a lookup finds the term by any of them.",
    )
    summary: Prose


class Dispute(Sourced):
    """Where sources disagree: the record holds the best-sourced value; this is another one."""

    id: Id
    record: Annotated[
        str,
        StringConstraints(
            pattern=r"^(partners|countries|operations|events|terms)\.[a-z0-9]+(?:-[a-z0-9]+)*$"
        ),
        Field(description="The record concerned, as kind.id, e.g. operations.kfor."),
    ]
    field: Line = Field(description="The field concerned, e.g. start.")
    value: Line = Field(description="The other value, as its sources give it.")
    summary: Prose = Field(description="Who says what, briefly.")


class Dataset(Record):
    """The whole data file."""

    dataset: DatasetInfo
    sources: Items[Source] = Field(min_length=1)
    partners: Items[Partner] = Field(default=())
    countries: Items[Country] = Field(default=())
    operations: Items[Operation] = Field(default=())
    events: Items[Event] = Field(default=())
    terms: Items[Term] = Field(default=())
    disputes: Items[Dispute] = Field(default=())

    # Indices are built on first use and kept: the model is frozen, and model_copy drops them.
    # Read-only views, like the tuples they index: no caller can change them for another.
    @cached_property
    def source_index(self) -> Mapping[str, Source]:
        return MappingProxyType({s.id: s for s in self.sources})

    @cached_property
    def partner_index(self) -> Mapping[str, Partner]:
        return MappingProxyType({p.id: p for p in self.partners})

    @cached_property
    def country_index(self) -> Mapping[str, Partner | Country]:
        """Every country the data holds, partners first, by id."""
        nations: list[Partner | Country] = [*self.partners, *self.countries]
        return MappingProxyType({n.id: n for n in nations})

    @cached_property
    def operation_index(self) -> Mapping[str, Operation]:
        return MappingProxyType({o.id: o for o in self.operations})

    @cached_property
    def term_index(self) -> Mapping[str, Term]:
        return MappingProxyType({t.id: t for t in self.terms})

    @cached_property
    def dispute_index(self) -> Mapping[str, tuple[Dispute, ...]]:
        """Disputes by the record they concern (``operations.kfor``), in data order."""
        index: dict[str, tuple[Dispute, ...]] = {}
        for dispute in self.disputes:
            index[dispute.record] = (*index.get(dispute.record, ()), dispute)
        return MappingProxyType(index)

    @cached_property
    def reported_from(self) -> Mapping[str, dt.date]:
        """For each source that shows no date, the first day it can have appeared: the first
        day of the latest fact it is cited for (a page reporting a step of 2022 is of 2022 or
        later). Sources cited for no dated fact are absent."""
        found: dict[str, dt.date] = {}
        undated = {s.id for s in self.sources if s.published is None and s.updated is None}

        def note(record: Sourced, date: PartialDate | None) -> None:
            if date is None:
                return
            for citation in record.sources:
                source = citation.source
                if source in undated and date.first > found.get(source, dt.date.min):
                    found[source] = date.first

        nations: tuple[Partner | Country, ...] = (*self.partners, *self.countries)
        for nation in nations:
            for period in (*nation.relationship, *nation.programme, *nation.contributions):
                note(period, period.since or period.attested)
            for period in nation.relationship:
                if period.announced_end is not None:
                    note(period.announced_end, period.announced_end.date)
        for operation in self.operations:
            note(operation, operation.start)
        for event in self.events:
            note(event, event.date)
        return MappingProxyType(found)

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> "Dataset":
        copy = super().model_copy(update=update, deep=deep)
        for name in (
            "source_index",
            "partner_index",
            "country_index",
            "operation_index",
            "term_index",
            "dispute_index",
            "reported_from",
        ):
            copy.__dict__.pop(name, None)
        return copy


RecordKind = Literal[
    "sources", "partners", "countries", "operations", "events", "terms", "disputes"
]
RECORD_KINDS: tuple[RecordKind, ...] = (
    "sources",
    "partners",
    "countries",
    "operations",
    "events",
    "terms",
    "disputes",
)


def _known_all(index: Mapping[str, object], ids: Iterable[str]) -> bool:
    """Whether ``index`` holds every one of ``ids``."""
    return all(map(index.__contains__, ids))


def reference_problems(data: Dataset) -> Iterator[tuple[str, str]]:
    """Yield ``(path, message)`` for every duplicate id or code, every id that names nothing,
    every relationship in the wrong table, every date after the data's ``as_of`` (the newest
    source cannot vouch for a later day), an ``as_of`` later than every source, and every date
    outside what it belongs to (see ``_date_problems``).

    Paths name records by id, e.g. ``partners[japan].contributions[0].operation``.
    """
    for record_kind in RECORD_KINDS:
        seen: set[str] = set()
        for index, record in enumerate(getattr(data, record_kind)):
            if record.id in seen:
                yield f"{record_kind}[{index}].id", f"duplicate id {record.id!r}"
            seen.add(record.id)
    yield from _nation_problems(data)

    known: dict[str, Mapping[str, Any]] = {
        "source": data.source_index,
        "partner": data.partner_index,
        "country": data.country_index,
        "operation": data.operation_index,
        "term": data.term_index,
    }

    def check(path: str, kind: str, ref: str | None) -> Iterator[tuple[str, str]]:
        if ref is None or ref in known[kind]:
            return
        from difflib import get_close_matches  # only for a dangling reference

        close = get_close_matches(ref, list(known[kind]), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        yield path, f"unknown {kind} {shown(ref)}{hint}"

    def check_sources(path: str, record: Sourced) -> Iterator[tuple[str, str]]:
        sources = known["source"]
        for i, citation in enumerate(record.sources):
            if citation.source not in sources:  # the path is written only for a problem
                yield from check(f"{path}.sources[{i}].source", "source", citation.source)

    newest = data.dataset.as_of

    def check_dates(path: str, record: BaseModel, *fields: str) -> Iterator[tuple[str, str]]:
        for field in fields:
            date: PartialDate | None = getattr(record, field)
            if date is not None and date.first > newest.last:
                yield f"{path}.{field}", f"{date} is after the data's as_of ({newest})"

    for i, citation in enumerate(data.dataset.lists):
        yield from check(f"dataset.lists[{i}].source", "source", citation.source)
    yield from _currency_problems(data)
    for source in data.sources:
        yield from check_dates(f"sources[{source.id}]", source, "updated", "published")

    # Most records are sound: each is first checked whole, cheaply (a dataset of 10,000
    # partners has 100,000 events), and walked field by field, naming paths, only if not.
    sources, late = data.source_index, newest.last

    def sound(record: Sourced, *dates: PartialDate | None) -> bool:
        return all(c.source in sources for c in record.sources) and all(
            d is None or d.first <= late for d in dates
        )

    def sound_nation(nation: Partner | Country) -> bool:
        periods: list[Period] = [*nation.relationship]
        if isinstance(nation, Partner):
            periods += [*nation.programme, *nation.contributions]
            if not all(p.value in data.term_index for p in nation.programme) or not all(
                c.operation is None or c.operation in data.operation_index
                for c in nation.contributions
            ):
                return False
        said = [r.announced_end for r in nation.relationship if r.announced_end is not None]
        return (
            sound(nation)
            and all(sound(p, p.since, p.attested, p.until) for p in periods)
            and all(sound(a, a.date) for a in said)
        )

    for nation in data.country_index.values():
        if sound_nation(nation):
            continue
        table = "partners" if isinstance(nation, Partner) else "countries"
        path = f"{table}[{nation.id}]"
        yield from check_sources(path, nation)
        lists: dict[str, Sequence[Period]] = {"relationship": nation.relationship}
        if isinstance(nation, Partner):
            lists |= {"programme": nation.programme, "contributions": nation.contributions}
        for field, periods in lists.items():
            for i, period in enumerate(periods):
                yield from check_sources(f"{path}.{field}[{i}]", period)
                yield from check_dates(f"{path}.{field}[{i}]", period, "since", "attested", "until")
        for i, relationship in enumerate(nation.relationship):
            said = relationship.announced_end
            if said is not None:
                at = f"{path}.relationship[{i}].announced_end"
                yield from check_sources(at, said)
                yield from check_dates(at, said, "date")
        if isinstance(nation, Partner):
            for i, programme in enumerate(nation.programme):
                yield from check(f"{path}.programme[{i}].value", "term", programme.value)
            for i, contribution in enumerate(nation.contributions):
                yield from check(
                    f"{path}.contributions[{i}].operation", "operation", contribution.operation
                )
    for operation in data.operations:
        yield from check_sources(f"operations[{operation.id}]", operation)
        yield from check_dates(f"operations[{operation.id}]", operation, "start", "end", "ended_by")
        for i, host in enumerate(operation.hosts):
            yield from check(f"operations[{operation.id}].hosts[{i}]", "country", host)
    for term in data.terms:
        yield from check_sources(f"terms[{term.id}]", term)
    countries, operations, terms = data.country_index, data.operation_index, data.term_index
    events = data.events
    # The events, ten a partner, are checked first as one table, a pass per field.
    table_sound = (
        _known_all(sources, (c.source for e in events for c in e.sources))
        and _known_all(countries, (p for e in events for p in e.partners))
        and _known_all(operations, (o for e in events for o in e.operations))
        and _known_all(terms, (t for e in events for t in e.terms))
        and all(e.date.first <= late for e in events)
    )
    for event in () if table_sound else events:
        if (
            sound(event, event.date)
            and _known_all(countries, event.partners)
            and _known_all(operations, event.operations)
            and _known_all(terms, event.terms)
        ):
            continue
        path = f"events[{event.id}]"
        yield from check_sources(path, event)
        yield from check_dates(path, event, "date")
        for field, kind in (
            ("partners", "country"),
            ("operations", "operation"),
            ("terms", "term"),
        ):
            for i, ref in enumerate(getattr(event, field)):
                yield from check(f"{path}.{field}[{i}]", kind, ref)
    models: dict[str, type[Record]] = {
        "partners": Partner,
        "countries": Country,
        "operations": Operation,
        "events": Event,
        "terms": Term,
    }
    event_ids = {e.id for e in data.events}
    for dispute in data.disputes:
        path = f"disputes[{dispute.id}]"
        yield from check_sources(path, dispute)
        kind, _, ident = dispute.record.partition(".")
        if kind == "events":
            if ident not in event_ids:
                yield f"{path}.record", f"unknown event {shown(ident)}"
        elif kind == "countries":
            if ident not in {c.id for c in data.countries}:
                yield from check(f"{path}.record", "country", ident)
        else:
            yield from check(f"{path}.record", kind.removesuffix("s"), ident)
        if dispute.field not in models[kind].model_fields:
            yield f"{path}.field", f"{kind} have no field {shown(dispute.field)}"
    yield from _date_problems(data)


def _nation_problems(data: Dataset) -> Iterator[tuple[str, str]]:
    """A country held in both tables, and a relationship kept in the wrong one: the subject's
    in [[partners]], the rest of the world's in [[countries]]. (A code shared by two records is
    not refused here, since generated datasets hold more records than there are codes: the
    lookup then lists both, and a test keeps the bundled data's codes unique.)"""
    partner_ids = set(data.partner_index)
    for country in data.countries:
        if country.id in partner_ids:
            yield f"countries[{country.id}].id", f"{country.id!r} is already a partner's id"
    tables: tuple[tuple[str, Sequence[Partner | Country], tuple[str, ...]], ...] = (
        ("partners", data.partners, SUBJECT),
        ("countries", data.countries, WORLD),
    )
    for table, nations, allowed in tables:
        other = "countries" if table == "partners" else "partners"
        for nation in nations:
            for i, period in enumerate(nation.relationship):
                if period.value not in allowed:
                    yield (
                        f"{table}[{nation.id}].relationship[{i}].value",
                        f"{period.value!r} belongs in [[{other}]]; [[{table}]] takes "
                        + ", ".join(allowed),
                    )


def _currency_problems(data: Dataset) -> Iterator[tuple[str, str]]:
    """The data's ``as_of`` says how current it is: the date of its newest source, no later."""
    dates = [d for s in data.sources for d in (s.published, s.updated) if d is not None]
    newest = max(dates, key=lambda d: d.last, default=None)
    as_of = data.dataset.as_of
    if newest is not None and as_of.first > newest.last:
        yield (
            "dataset.as_of",
            f"{as_of} is later than the newest source ({newest}): the data is only as current "
            "as its sources",
        )


def _date_problems(data: Dataset) -> Iterator[tuple[str, str]]:
    """Yield ``(path, message)`` for every date outside the thing it belongs to: a contribution
    dated before its operation began or after it ended, an inferred end that is not its
    operation's, and a programme that ends after the partner's relationship did.

    A partial date is outside only if all of it is: "2003" fits an operation begun in August
    2003. An operation's end is its ``end``, else its ``ended_by``.
    """
    for partner in data.partners:
        path = f"partners[{partner.id}]"
        for i, contribution in enumerate(partner.contributions):
            operation = data.operation_index.get(contribution.operation or "")
            yield from _outside_operation(f"{path}.contributions[{i}]", contribution, operation)
        ended = partner.relationship[-1].until
        for i, programme in enumerate(partner.programme):
            if ended and programme.until and programme.until.first > ended.last:
                yield (
                    f"{path}.programme[{i}].until",
                    f"{programme.until} is after the partner's relationship ended ({ended})",
                )


def _outside_operation(
    path: str, contribution: Contribution, operation: Operation | None
) -> Iterator[tuple[str, str]]:
    """The problems of one contribution's dates against its operation's (None: no operation)."""
    end = (operation.end or operation.ended_by) if operation else None
    if contribution.until_inferred and (operation or not contribution.operation):
        # (An operation named but unknown is reported as such.)
        yield from _inferred_end(path, contribution, operation, end)
    if operation is None:
        return
    if end is not None and contribution.until is None:
        yield (
            f"{path}.until",
            f"missing: operation {operation.id!r} ended ({end}), so the contribution ended by "
            "then; give until (with until_inferred = true where no source dates its own end)",
        )
    for field in ("since", "attested", "until"):
        date: PartialDate | None = getattr(contribution, field)
        if date is None:
            continue
        if operation.start and date.last < operation.start.first:
            yield (
                f"{path}.{field}",
                f"{date} is before operation {operation.id!r} began ({operation.start})",
            )
        if end and date.first > end.last:
            yield f"{path}.{field}", f"{date} is after operation {operation.id!r} ended ({end})"


def _inferred_end(
    path: str, contribution: Contribution, operation: Operation | None, end: PartialDate | None
) -> Iterator[tuple[str, str]]:
    """An inferred end must be the operation's: the only end the data can infer one from."""
    if operation is None:
        yield f"{path}.until_inferred", "an inferred end needs the operation it comes from"
    elif end is None:
        yield f"{path}.until_inferred", f"operation {operation.id!r} has no end to infer"
    elif contribution.until and not contribution.until.first <= end.last <= contribution.until.last:
        yield (
            f"{path}.until",
            f"the inferred end {contribution.until} is not the end of operation "
            f"{operation.id!r} ({end})",
        )
