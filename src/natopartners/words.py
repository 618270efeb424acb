"""Facts into words for people: labels, dates in prose, doubts, legends, captions, and the
content of every sheet and table, for the renderers to lay out.

The only module that writes sentences. Rows (``rows``) carry facts and structured doubts;
here they become what a person reads: "Partner across the globe, from the 1990s", "ITPP?"
with its legend line "? Australia, ITPP: during 2023; not yet certain on 2023-01-01". A sheet
becomes a ``Document`` (title, facts, summary, sections) and a listing a ``Table`` (typed
columns, legend, caption): the Rich renderer and the plain-text one lay out the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from natopartners import queries

# The models are loaded whenever there are words to write (the data is): importing them here
# costs nothing more, and the timeline's 130,000 titles need no import each.
from natopartners.models import Contribution, Event, Operation
from natopartners.vocabulary import Grade, OperationStatus, PeriodKind, Relationship

if TYPE_CHECKING:
    from natopartners.dates import PartialDate
    from natopartners.models import Dataset, Term
    from natopartners.queries import TimelineEntry
    from natopartners.reference import Reference
    from natopartners.rows import (
        AnnouncedEnd,
        CitedSource,
        ContributionFields,
        DisputeView,
        OperationRow,
        PartnerDetail,
        PartnerRow,
        PeriodView,
        SearchHit,
        SourceRow,
        TermRow,
        TimelineRow,
    )
    from natopartners.views import (
        Hits,
        Operations,
        OperationSheet,
        Partners,
        PartnerSheet,
        Selected,
        Sources,
        Terms,
        TermSheet,
        Timeline,
        View,
    )

R = TypeVar("R")

GRADES: dict[Grade, str] = {
    "N": "NATO",
    "G": "government",
    "M": "press or think tank",
    "W": "weak",
}
# How a relationship reads in a sentence ("Colombia: partner across the globe").
RELATIONSHIP_LABELS: dict[str, str] = {
    "global-partner": "partner across the globe",
    "consulted": "consulted without a bilateral programme",
    "operation-contributor": "named beside NATO in NATO-led operations",
    "applicant": "applicant to become a partner across the globe",
    "ally": "NATO Ally",
    "euro-atlantic-partner": "partner in the Euro-Atlantic Partnership Council and the "
    "Partnership for Peace",
    "mediterranean-dialogue": "partner in the Mediterranean Dialogue",
    "istanbul-cooperation-initiative": "partner in the Istanbul Cooperation Initiative",
}
# How a relationship reads in a table's cell.
RELATIONSHIP_SHORT: dict[str, str] = {
    "global-partner": "Partner across the globe",
    "consulted": "Consulted",
    "operation-contributor": "Operation contributor",
    "applicant": "Applicant",
    "ally": "Ally",
    "euro-atlantic-partner": "EAPC/PfP partner",
    "mediterranean-dialogue": "Mediterranean Dialogue",
    "istanbul-cooperation-initiative": "Istanbul Cooperation Initiative",
}
STATUS_LABELS: dict[OperationStatus, str] = {
    "not-begun": "not begun",
    "ongoing": "ongoing",
    "ended": "ended",
}

MARK = "?"
"""After a value, for people: not yet certain on the day asked for (a legend says why)."""
ANNOUNCED = "exit announced"
ANNOUNCED_MARK = "\u2020"
"""After a relationship in a table (†): one side announced its end; a legend says when."""
FRAMEWORKS = (
    "the Euro-Atlantic Partnership Council and Partnership for Peace, the Mediterranean "
    "Dialogue, the Istanbul Cooperation Initiative"
)
NONE_OF_THESE = (
    f"not a NATO Ally, nor a partner in NATO's regional frameworks ({FRAMEWORKS}), nor a "
    "partner across the globe or an applicant"
)
NOT_LISTED = (
    f"NATO's lists of its Allies, of the partners of its regional frameworks ({FRAMEWORKS}), "
    "of its partners across the globe and of applicants do not name it"
)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 country``, ``2 countries``."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def when(date: str | None) -> str | None:
    """A date for a sentence: a decade reads "the 1990s", a range "2023-03-03 to 2023-03-05"."""
    if date and date.endswith("s"):
        return f"the {date}"
    return date.replace("/", " to ") if date else date


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
    """An acronym, else the name without "Operation" or a closing qualifier in brackets:
    "Sea Guardian", "Enduring Partnership"."""
    if record.acronym:
        return record.acronym
    name = record.name
    for prefix in ("Operation ", "Operations "):
        name = name.removeprefix(prefix)
    head, bracket, _ = name.partition(" (")
    return head if bracket and name.endswith(")") else name


def short_name_of(data: Dataset, ident: str) -> str:
    """The short name of the operation or glossary term ``ident`` (the id if neither)."""
    record = data.operation_index.get(ident) or data.term_index.get(ident)
    return short_name(record) if record else ident


def operation_name(data: Dataset, ident: str | None) -> str | None:
    """The full name of the operation ``ident``, if there is one."""
    found = data.operation_index.get(ident or "")
    return found.name if found else ident


def country_name(data: Dataset, ident: str) -> str:
    nation = data.country_index.get(ident)
    return nation.name if nation else ident


# --- The day answered for -----------------------------------------------------------------


def as_of_label(reference: Reference) -> str:
    """ "2014 (data as of 2026-03-20)", or the data's date when none was asked for."""
    newest = reference.dataset.dataset.as_of
    return f"{reference.as_of} (data as of {newest})" if reference.as_of else str(newest)


def caption(reference: Reference) -> str:
    return f"As of {as_of_label(reference)}."


def summary_note(reference: Reference, day: PartialDate | None = None) -> str | None:
    """What an answer for a day before the data's newest (``day``, else ``--as-of``) says: a
    summary or note drawn from a source that appeared later is left out (``queries.prose``)."""
    day = day or reference.as_of
    if day is None or day.last >= reference.dataset.dataset.as_of.last:
        return None
    return f"Summaries and notes drawn from sources that appeared after {day} are left out."


# --- The timeline's chart -------------------------------------------------------------------

KINDS_TITLE = "Kinds: "
EVENTS_ROW = "events"
SOURCES_DIFFER = "Sources differ"


def no_chart_for_a_day(day: dt.date) -> str:
    return f"no chart: the dates asked for span a single day ({day}); the timeline as a list"


def no_chart_so_narrow(columns: int) -> str:
    return f"no chart: it needs {columns} columns; the timeline as a list"


def earlier(count: int) -> str:
    return f"{count} earlier (see the list)"


def not_drawn(undated: Sequence[str]) -> str:
    return f"Not drawn, the sources give no start: {', '.join(undated)}."


def unrecorded_note(reference: Reference, value: str) -> str | None:
    """A note for ``list --relationship VALUE`` on a day before some countries' records begin,
    so that the list cannot tell whether they belong: an Ally is recorded from its accession
    on (Poland from 1999-03-12, not its Partnership for Peace before), and a relationship no
    source dates from the first source that attests it (Finland's, from 2020-06-12)."""
    if value == "ally":  # every accession is recorded: the list of Allies is whole
        return None
    day = reference.day
    later: list[str] = []
    for country in sorted(reference.dataset.countries, key=lambda c: c.name):
        first = country.relationship[0] if country.relationship else None
        if first is None:
            continue
        if first.since is None and first.attested is not None and first.attested.first > day:
            later.append(f"{country.name} (attested from {first.attested})")
        elif first.value == "ally" and first.since and first.since.first > day:
            later.append(f"{country.name} (an Ally from {first.since})")
    if not later:
        return None
    return (
        "not known, as the data holds their relationship with NATO only from a later day: "
        + ", ".join(later)
    )


def suspended_note(reference: Reference, value: str) -> str | None:
    """A note for ``list --relationship VALUE``: the partnerships of that kind that stand
    suspended, which the list leaves out ("not listed, their partnerships suspended: Belarus
    (since 2021-11), Russia (since 2014-04)")."""
    found = queries.suspended(reference.dataset.country_index.values(), value, reference.day)
    if not found:
        return None
    names = ", ".join(
        f"{n.name} (since {p.until})" for n, p in sorted(found, key=lambda f: f[0].name)
    )
    return f"not listed, as their partnerships stand suspended: {names}"


def past_the_data(reference: Reference, asked: PartialDate) -> str | None:
    """A note for a date that runs past the data's newest (``2026`` is its last day, as
    ``--as-of`` reads it): nothing later is known."""
    newest = reference.dataset.dataset.as_of
    if asked.last > newest.last:
        return f"the data goes up to {newest}; later developments are not covered"
    return None


# --- Doubts: what the day asked for falls inside the window of ------------------------------


def start_doubt(data: Dataset, start: str | None, on: dt.date, operation: str | None = None) -> str:
    """Why a start was not yet certain on ``on``: "during 2023; not yet certain on
    2023-01-01", or for an undated contribution the span of its ``operation``."""
    joined = data.operation_index.get(operation or "")
    if start is None and joined is not None:
        end = joined.end or joined.ended_by
        span = f"{joined.start or 'an undated start'} to {end or 'date'}"
        reason = f"undated, within the operation ({span})"
    else:
        reason = f"during {when(start)}"
    return f"{reason}; not yet certain on {on.isoformat()}"


def end_doubt(end: str | None, on: dt.date, *, over_by: bool = False) -> str:
    """Why an end was not yet certain on ``on``: "ends during 2014; may have ended by ...";
    ``over_by`` when ``end`` is only a date by which it was over."""
    reason = f"over by {when(end)}" if over_by else f"ends during {when(end)}"
    return f"{reason}; may have ended by {on.isoformat()}"


def period_doubt(data: Dataset, view: PeriodView, on: dt.date) -> str | None:
    """What of a relationship or programme was not yet certain on ``on``, in words."""
    said = (
        [start_doubt(data, view["since"] or view["attested"], on)]
        if "start" in view["uncertain"]
        else []
    )
    if "end" in view["uncertain"]:
        said.append(end_doubt(view["until"] or view["replaced_on"], on))
    return "; ".join(said) or None


def contribution_doubt(
    data: Dataset, item: ContributionFields, operation: str | None, on: dt.date
) -> str | None:
    """What of a contribution was not yet certain on ``on``, in words."""
    said = (
        [start_doubt(data, item["since"] or item["attested"], on, operation)]
        if "start" in item["uncertain"]
        else []
    )
    if "end" in item["uncertain"]:
        said.append(end_doubt(item["until"], on))
    return "; ".join(said) or None


def legend(doubts: Iterable[str]) -> tuple[str, ...]:
    """Legend lines, one per marked value: "? Australia, ITPP: during 2023; ..."."""
    return tuple(dict.fromkeys(f"{MARK} {doubt}" for doubt in doubts))


TIMELINE_DOUBT = (
    "dated only to a year, month or decade that runs past the dates asked for: it may fall "
    "outside them"
)


def announced(name: str, ident: str, said: AnnouncedEnd) -> str:
    """The legend line of an announced end: whose, when, and that it is not formalised."""
    return (
        f"{ANNOUNCED_MARK} {name}: {ANNOUNCED} on {said['date']}, not formalised in any source "
        f"(natopartners show {ident})"
    )


# --- Timeline entries -----------------------------------------------------------------------


def contribution_title(data: Dataset, contribution: Contribution) -> str:
    """What the contribution was: its own title, else the operation it went to."""
    if contribution.title:
        return contribution.title
    joined = data.operation_index.get(contribution.operation or "")
    return f"contribution to {joined.acronym or joined.name}" if joined else "contribution"


def entry(data: Dataset, entry: TimelineEntry) -> tuple[str, str]:
    """The title and summary of a timeline entry."""
    record, step = entry.record, entry.step
    if isinstance(record, Event):
        return record.title, record.summary
    if isinstance(record, Operation):
        name = f"{record.name} ({record.acronym})" if record.acronym else record.name
        what = {"start": "start", "end": "end", "ended-by": "over by this date"}[step]
        if step == "ended-by":
            what += " (no source dates the end)"
        return f"{name}: {what}", record.summary if step == "start" else ""
    who = entry.partner.name if entry.partner else ""
    if isinstance(record, Contribution):
        title = f"{who}: {contribution_title(data, record)}"
        return title + (", attested" if step == "attested" else ""), record.note or record.summary
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


# --- When a period held ---------------------------------------------------------------------


def span(
    item: PeriodView | ContributionFields,
    doubt: str | None = None,
    *,
    ended: bool = True,
    replaced_on: str | None = None,
    suspended: bool = False,
) -> str:
    """When a period held, in words: "2009 to 2013", "from 2014-05-06", "from 2012-09,
    replaced on 2023-07-11", "attested from 2014-03-31"; empty when undated. Without
    ``ended``, only when it began. A start or end not yet certain gives way to ``doubt``, the
    words for it ("during 2023; not yet certain on 2023-01-01"), said last. A period gives
    ``replaced_on`` and ``suspended`` (a contribution has neither)."""
    uncertain = item["uncertain"]
    began, over = "start" not in uncertain, "end" not in uncertain
    since = when(item["since"]) if began else None
    attested = when(item["attested"]) if began else None
    until = when(item["until"]) if ended and over else None
    replaced = when(replaced_on) if ended and over else None
    if until and item["until_inferred"]:
        until = f"{until} at the latest (the operation's end; inferred)"
    if until and suspended:
        until = f"{until}, suspended"
    if since and until:
        dates = since if since == until else f"{since} to {until}"
    else:
        start = f"from {since}" if since else f"attested from {attested}" if attested else ""
        end = f"to {until}" if until else f"replaced on {replaced}" if replaced else ""
        dates = (
            f"{start}, {end}" if start and end else start or (f"until {until}" if until else end)
        )
    return "; ".join(part for part in (dates, doubt) if part)


# --- Documents: the content of a sheet ------------------------------------------------------


class Item(NamedTuple):
    """A heading over its text: a period, a contribution, a dispute."""

    heading: str
    body: tuple[str, ...] = ()


class Cite(NamedTuple):
    """A source as a reference line, then its address on a line of its own."""

    reference: str
    url: str


class Pairs(NamedTuple):
    """Label and value lines: a sheet's timeline, date by date."""

    rows: tuple[tuple[str, str], ...]


Block = Item | Cite | Pairs


class Section(NamedTuple):
    title: str
    blocks: tuple[Block, ...]
    legend: str | None = None


class Document(NamedTuple):
    """One record on one sheet: title, facts, a note, the summary, then titled sections."""

    title: str
    subtitle: str | None
    facts: tuple[tuple[str, str], ...]
    note: str | None
    summary: str | None
    sections: tuple[Section, ...]


def cite(source: CitedSource) -> Cite:
    """A source as a reference: publisher, title, dates, grade and cited sections."""
    dated = [f"published {source['published']}"] if source["published"] else []
    dated += [f"updated {source['updated']}"] if source["updated"] else []
    dates = f", {', '.join(dated)}" if dated else ""
    sections = f" \u2014 {', '.join(source['sections'])}" if source["sections"] else ""
    grade = f"{source['grade']}: {GRADES[source['grade']]}"
    return Cite(
        f"{source['publisher']}, \u201c{source['title']}\u201d{dates} [{grade}]{sections}",
        source["url"],
    )


def _closing(
    disputes: Sequence[DisputeView],
    cited: Sequence[CitedSource],
    entries: Sequence[TimelineRow],
) -> tuple[Section, ...]:
    """How every sheet ends: where sources differ, the sources, then the record's timeline
    (an entry that may fall after the day asked for marked, with the legend that says so)."""
    differ = tuple(
        Item(
            f"{d['field']}: {d['value']} ({', '.join(d['sources'])})",
            tuple(filter(None, (d["summary"],))),
        )
        for d in disputes
    )
    doubtful = any(e["uncertain"] for e in entries)
    timeline = (
        (Pairs(tuple((marked(e["date"], e["uncertain"]), e["title"]) for e in entries)),)
        if entries
        else ()
    )
    return (
        Section(SOURCES_DIFFER, differ),
        Section("Sources", tuple(cite(s) for s in cited)),
        Section("Timeline", timeline, f"{MARK} {TIMELINE_DOUBT}" if doubtful else None),
    )


def _now(data: Dataset, period: PeriodView | None, on: dt.date) -> str | None:
    """The relationship or programme in force, with when it began (or why that is not yet
    certain), what one side announced, and the date of its newest source."""
    if period is None:
        return None
    start = span(period, period_doubt(data, period, on), ended=False)
    label = capitalised(period["label"])
    line = f"{label}, {start}" if start else label
    said = period["announced_end"]
    if said:
        line += f"; {ANNOUNCED} on {said['date']}, not formalised in any source"
    return line + (f" (newest source: {period['as_of']})" if period["as_of"] else "")


def partner_document(view: PartnerSheet) -> Document:
    """A country: relationship, programme, region, codes, contributions, timeline, sources."""
    reference, detail = view.reference, view.record
    data, on = reference.dataset, reference.day
    now = {
        p["kind"]: p
        for p in detail["history"]
        if (p["value"] == detail["relationship"] and p["kind"] == "relationship")
        or (p["value"] == detail["programme"] and p["kind"] == "programme")
    }
    relationship = _now(data, now.get("relationship"), on) or _none(detail, reference)
    facts: list[tuple[str, str | None]] = [("Relationship", relationship)]
    if detail["coverage"] != "partner":
        facts.append(("Partner across the globe", _global(detail)))
    facts += [
        ("Programme", _now(data, now.get("programme"), on)),
        (
            "Region",
            f"{detail['region']} / {detail['subregion']}" if detail["region"] else None,
        ),
        ("Codes", " / ".join(c for c in (detail["iso2"], detail["iso3"]) if c)),
        ("Also known as", ", ".join(detail["aliases"])),
        (
            "NATO operations it has hosted",
            ", ".join(short_name_of(data, o) for o in detail["hosted_operations"]),
        ),
        ("As of", as_of_label(reference)),
    ]
    history = tuple(
        Item(
            _dated(p["label"], p, period_doubt(data, p, on), p["replaced_on"], p["suspended"]),
            tuple(filter(None, (p["note"], _said(p["announced_end"])))),
        )
        for p in detail["history"]
    )
    contributions = tuple(
        Item(
            _dated(
                _heading_of(operation_name(data, c["operation"]), c["title"]),
                c,
                contribution_doubt(data, c, c["operation"], on),
            ),
            tuple(filter(None, (c["summary"], c["note"]))),
        )
        for c in detail["contributions"]
    )
    summary = detail["summary"]
    if detail["coverage"] == "iso":
        newest = detail["relationship_as_of"]
        lists = f" (the lists the data is complete against, the newest of {newest})"
        summary = f"The data holds no record of {detail['name']}: {NOT_LISTED}"
        summary += f"{lists}." if newest else "."
    return Document(
        detail["name"],
        detail["official_name"] if detail["official_name"] != detail["name"] else None,
        tuple((label, value) for label, value in facts if value),
        summary_note(reference),
        summary,
        (
            Section("Relationship and programme", history),
            Section("Contributions", contributions),
            *_closing(detail["disputes"], detail["cited_sources"], detail["timeline"]),
        ),
    )


def _none(detail: PartnerDetail, reference: Reference) -> str:
    """The relationship line when none is in force: a partnership suspended (and not taken up
    again), or none recorded, or for the rest of the world none of the kinds there are."""
    ended = [p for p in detail["history"] if p["kind"] == "relationship"]
    if ended and ended[-1]["suspended"]:
        last = ended[-1]
        return f"{capitalised(last['label'])}, suspended since {last['until']}; none in force"
    nation = reference.dataset.country_index.get(detail["id"])
    first = nation.relationship[0] if nation is not None and nation.relationship else None
    if not ended and first is not None and first.since is None and first.attested is not None:
        # No source dates the start: before the first that attests it, the data cannot tell.
        return (
            f"none known before {first.attested}: no source gives a start, and the earliest "
            f"found that attests one ({relationship_label(first.value)}) is of that day"
        )
    if detail["coverage"] == "partner":
        return f"none recorded as of {as_of_label(reference)}"
    if not ended and first is not None and first.since is not None:
        # The rest of the world is recorded from its present standing on (an Ally from its
        # accession): what came before is not in the data, not known to be nothing.
        return (
            f"none recorded before {first.since}: the data holds this country's relationship "
            f"with NATO from then on ({relationship_label(first.value)}), not what came before"
        )
    if detail["coverage"] == "iso":
        return (
            "none: not on any of NATO's lists the data holds (Allies, regional partners, "
            "partners across the globe, applicants)"
        )
    return f"none: {NONE_OF_THESE} (see below)"


def _global(detail: PartnerRow) -> str:
    """Whether a country of the rest of the world is a partner across the globe: no."""
    value = detail["relationship"]
    if value == "ally":
        return "no: a member of the Alliance"
    if value in (
        "euro-atlantic-partner",
        "mediterranean-dialogue",
        "istanbul-cooperation-initiative",
    ):
        return (
            "no: a partner in one of NATO's regional frameworks, which NATO's page of 2017 "
            "sets apart from the partners across the globe"
        )
    return "no"


def _said(said: AnnouncedEnd | None) -> str | None:
    if said is None:
        return None
    what = said["summary"] or "not formalised in any source"
    return f"{capitalised(ANNOUNCED)} on {said['date']}: {what}"


def _dated(
    heading: str,
    item: PeriodView | ContributionFields,
    doubt: str | None,
    replaced_on: str | None = None,
    suspended: bool = False,
) -> str:
    """A heading with when it held (and what of it is not yet certain)."""
    dates = span(item, doubt, replaced_on=replaced_on, suspended=suspended)
    return capitalised(f"{heading} \u00b7 {dates}" if dates else heading)


def _heading_of(*parts: str | None) -> str:
    """A contribution's heading: whose or which operation's it is, and what it was."""
    return ": ".join(part for part in parts if part) or "Contribution"


def operation_end(detail: OperationRow, reference: Reference) -> str | None:
    """The end of an operation in words, as things stood on the day asked for."""
    on = reference.day
    if "end" in detail["uncertain"]:
        over = detail["end"] is None
        return end_doubt(detail["end"] or detail["ended_by"], on, over_by=over)
    if detail["end"]:
        return detail["end"]
    if detail["status"] == "not-begun":
        return None
    if detail["ended_by"]:
        return f"not dated by the sources; over by {detail['ended_by']}"
    newest = detail["status_as_of"]
    current = (
        f"ongoing as of {newest}, the date of its newest source"
        if newest
        else "ongoing, by sources that show no date"
    )
    return f"none given ({current})"


def operation_document(view: OperationSheet) -> Document:
    """An operation: theatre, dates, status, the partners that took part, timeline, sources."""
    reference, detail = view.reference, view.record
    data, on = reference.dataset, reference.day
    start = detail["start"] or "not given by the sources"
    if "start" in detail["uncertain"]:
        start = start_doubt(data, detail["start"], on)
    elif detail["status"] == "not-begun":
        start = f"{start}; not begun as of {as_of_label(reference)}"
    facts = [
        ("Acronym", detail["acronym"]),
        ("Theatre", detail["theatre"]),
        ("Start", start),
        ("End", operation_end(detail, reference)),
        ("Status", status(detail)),
        ("As of", as_of_label(reference)),
    ]
    partners = tuple(
        Item(
            _dated(
                _heading_of(country_name(data, c["partner"]), c["title"]),
                c,
                contribution_doubt(data, c, detail["id"], on),
            ),
            tuple(filter(None, (c["summary"], c["note"]))),
        )
        for c in detail["contributions"]
    )
    return Document(
        detail["name"],
        None,
        tuple((label, value) for label, value in facts if value),
        summary_note(reference),
        detail["summary"],
        (
            Section("Partners", partners),
            *_closing(detail["disputes"], detail["cited_sources"], detail["timeline"]),
        ),
    )


def term_document(view: TermSheet) -> Document:
    """A glossary term: acronym, summary, the events that name it, sources."""
    detail = view.record
    return Document(
        detail["name"],
        detail["acronym"],
        (("Id", detail["id"]), ("As of", as_of_label(view.reference))),
        summary_note(view.reference),
        detail["summary"],
        _closing((), detail["cited_sources"], detail["timeline"]),
    )


def status(row: OperationRow) -> str:
    """The status for people: "may have ended" when the end is not yet certain, "may have
    begun" when the start is not."""
    doubts = row["uncertain"]
    if row["status"] == "ended" and "end" in doubts:
        return "may have ended"
    if row["status"] == "ongoing" and "start" in doubts:
        return "may have begun"
    return STATUS_LABELS[row["status"]]


# --- Tables: the content of a listing -------------------------------------------------------


class Column(Generic[R]):
    """A column of a table for people: its heading, and the text of a row's cell (read with
    the row's keys checked by the type checker)."""

    __slots__ = ("cell", "heading")

    def __init__(self, heading: str, cell: Callable[[R], str]) -> None:
        self.heading = heading
        self.cell = cell


class Table(NamedTuple):
    """A listing as people read it: headings, cells row by row, spans of a cell's text to
    highlight (what a search matched), and the lines under it (legend, then caption)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    marks: Mapping[tuple[int, int], tuple[int, int]] = MappingProxyType({})
    notes: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.rows


def _table(columns: Sequence[Column[R]], rows: Sequence[R], notes: Iterable[str]) -> Table:
    return Table(
        tuple(c.heading for c in columns),
        tuple(tuple(c.cell(row) for c in columns) for row in rows),
        notes=tuple(notes),
    )


def marked(value: str, doubtful: bool) -> str:
    return f"{value}{MARK}" if doubtful and value else value


def partners_table(view: Partners) -> Table:
    """The countries as people read them: labels for ids, what is not yet certain marked,
    an announced end said, and the legend of those marks."""
    data = view.reference.dataset
    programmes = {t.id: short_name(t) for t in data.terms}

    def relationship(row: PartnerRow) -> str:
        value = row["relationship"]
        label = RELATIONSHIP_SHORT[value] if value else ""
        label = marked(label, "relationship" in row["uncertain"])
        return f"{label}{ANNOUNCED_MARK}" if row["announced_end"] else label

    def programme(row: PartnerRow) -> str:
        value = row["programme"]
        return marked(
            programmes.get(value, value) if value else "", "programme" in row["uncertain"]
        )

    def operations(row: PartnerRow) -> str:
        return ", ".join(
            marked(short_name_of(data, op), f"operations.{op}" in row["uncertain"])
            for op in row["operations"]
        )

    columns: list[Column[PartnerRow]] = [
        Column("Name", lambda row: row["name"]),
        Column("Relationship", relationship),
        Column("Programme", programme),
        Column("Region", lambda row: row["region"] or ""),
        Column("Operations", operations),
    ]
    return _table(columns, view.rows, [*partner_legend(view), *filter(None, [_caption(view)])])


def partner_legend(view: Partners) -> Iterator[str]:
    """A line for each mark of the partners' table: why a value is not yet certain, and who
    announced an end."""
    data, on = view.reference.dataset, view.reference.day
    doubts: list[str] = []
    for row in view.rows:
        nation = data.country_index.get(row["id"])
        if nation is None:
            continue
        for kind, periods in queries.periods_of(nation):
            if kind not in row["uncertain"]:
                continue
            period = queries.current(periods, on)
            if period is None:
                continue
            edges = queries.period_doubts(data, periods, period, on)
            after = queries.successor(periods, period)
            what = "relationship" if kind == "relationship" else short_name_of(data, period.value)
            said = [start_doubt(data, _text(period.start), on)] if "start" in edges else []
            if "end" in edges:
                said.append(end_doubt(_text(period.until or (after.start if after else None)), on))
            doubts.append(f"{row['name']}, {what}: {'; '.join(said)}")
        for op, first in queries.doubtful_operations(data, nation, on).items():
            why = start_doubt(data, _text(first.start), on, op)
            doubts.append(f"{row['name']} in {short_name_of(data, op)}: {why}")
    yield from legend(doubts)
    for row in view.rows:
        if row["announced_end"]:
            yield announced(row["name"], row["id"], row["announced_end"])


def _text(date: PartialDate | None) -> str | None:
    return date.text if date else None


def _caption(view: Partners) -> str:
    """The day answered for, and how current each relationship shown is: the newest source
    behind it among the rows, e.g. "Relationships as last attested: partner across the globe
    2024-10-03; ..."."""
    from natopartners.dates import PartialDate

    newest: dict[Relationship, PartialDate] = {}
    for row in view.rows:
        value, date = row["relationship"], row["relationship_as_of"]
        if value is not None and date is not None:
            parsed = PartialDate.parse(date)
            if value not in newest or parsed.last > newest[value].last:
                newest[value] = parsed
    said = "; ".join(f"{RELATIONSHIP_SHORT[v].lower()} {d}" for v, d in newest.items())
    return " ".join(
        filter(
            None,
            [caption(view.reference), f"Relationships as last attested: {said}." if said else None],
        )
    )


def operations_table(view: Operations) -> Table:
    """The operations with their short names, what is not yet certain marked and said in the
    status, an end no source dates as "by DATE", with a legend."""
    data = view.reference.dataset

    def partners(row: OperationRow) -> str:
        return ", ".join(
            marked(country_name(data, p), f"partners.{p}" in row["uncertain"])
            for p in row["partners"]
        )

    def end(row: OperationRow) -> str:
        value = row["end"] or (f"by {row['ended_by']}" if row["ended_by"] else "")
        return marked(value, "end" in row["uncertain"])

    columns: list[Column[OperationRow]] = [
        Column("Name", lambda row: short_name_of(data, row["id"])),
        Column("Theatre", lambda row: row["theatre"]),
        Column("Start", lambda row: marked(row["start"] or "", "start" in row["uncertain"])),
        Column("End", end),
        Column("Status", status),
        Column("Partners", partners),
    ]
    return _table(columns, view.rows, [*legend(_operation_legend(view)), caption(view.reference)])


def _operation_legend(view: Operations) -> Iterator[str]:
    """ "RSM, end: ends during 2021; ...", "Argentina in BiH: undated, within ..."."""
    data, on = view.reference.dataset, view.reference.day
    for row in view.rows:
        name = short_name_of(data, row["id"])
        operation = data.operation_index[row["id"]]
        for doubt in row["uncertain"]:
            field, _, partner = doubt.partition(".")
            if partner:
                first = queries.doubtful_partners(data, operation, on)[partner]
                why = start_doubt(data, _text(first.start), on, operation.id)
                yield f"{country_name(data, partner)} in {name}: {why}"
            elif field == "start":
                yield f"{name}, start: {start_doubt(data, row['start'], on)}"
            else:
                over = row["end"] is None
                why = end_doubt(row["end"] or row["ended_by"], on, over_by=over)
                yield f"{name}, end: {why}"


def timeline_table(view: Timeline) -> Table:
    data = view.reference.dataset

    columns: list[Column[TimelineRow]] = [
        Column("Date", lambda row: marked(row["date"], row["uncertain"])),
        Column("Kind", lambda row: row["kind"]),
        Column("Title", lambda row: row["title"]),
        Column("Partners", lambda row: ", ".join(country_name(data, p) for p in row["partners"])),
        Column(
            "Operations", lambda row: ", ".join(short_name_of(data, o) for o in row["operations"])
        ),
    ]
    return _table(columns, view.rows, timeline_notes(view))


def timeline_notes(view: Timeline) -> list[str]:
    """The lines under a timeline: the legend of marked dates, the caption."""
    marked = any(row["uncertain"] for row in view.rows)
    question = view.question
    left_out = summary_note(view.reference, question.by if question.after is not None else None)
    return [
        *([f"{MARK} {TIMELINE_DOUBT}"] if marked else []),
        timeline_caption(view),
        *([left_out] if left_out and any(row["summary"] is None for row in view.rows) else []),
    ]


def timeline_caption(view: Timeline) -> str:
    question = view.question
    if question.after is not None:
        return f"Changes after {question.after} up to {question.by}."
    return caption(view.reference)


def involved(view: Timeline, row: TimelineRow) -> str:
    """ "Partners: Japan; Operations: ISAF" for a timeline entry, empty if none."""
    data = view.reference.dataset
    said = []
    if row["partners"]:
        said.append(f"Partners: {', '.join(country_name(data, p) for p in row['partners'])}")
    if row["operations"]:
        said.append(f"Operations: {', '.join(short_name_of(data, o) for o in row['operations'])}")
    return "; ".join(said)


def terms_table(view: Terms) -> Table:
    columns: list[Column[TermRow]] = [
        Column("Name", lambda row: row["name"]),
        Column("Acronym", lambda row: row["acronym"] or ""),
        Column("Summary", lambda row: row["summary"]),
    ]
    return _table(columns, view.rows, [caption(view.reference)])


def sources_table(view: Sources) -> Table:
    columns: list[Column[SourceRow]] = [
        Column("Publisher", lambda row: row["publisher"]),
        Column("Title", lambda row: row["title"]),
        Column("Published", lambda row: row["published"] or ""),
        Column("Updated", lambda row: row["updated"] or ""),
        Column("Grade", lambda row: row["grade"]),
        Column("Cited by", lambda row: str(row["cited_by"])),
        Column("URL", lambda row: row["url"]),
    ]
    return _table(columns, view.rows, [caption(view.reference)])


def hits_table(view: Hits) -> Table:
    columns: list[Column[SearchHit]] = [
        Column("Kind", lambda row: row["kind"]),
        Column("Name", lambda row: row["name"]),
        Column("Field", lambda row: row["field"]),
        Column("Text", lambda row: row["text"]),
    ]
    table = _table(columns, view.rows, [caption(view.reference)])
    start_end = {(i, 3): (row["match"][0], row["match"][1]) for i, row in enumerate(view.rows)}
    return Table(table.headings, table.rows, start_end, table.notes)


HEADINGS = {"iso2": "ISO2", "iso3": "ISO3", "id": "ID", "url": "URL"}


def heading(name: str) -> str:
    """A field's name as a column heading: "cited_by" gives "Cited by"."""
    return HEADINGS.get(name, name.replace("_", " ").capitalize())


def flat(value: Any) -> str:
    """A value of a row, chosen with ``--fields``, as text: spelled as in every text format
    (``true``, ``false``; null empty), lists joined, records as "key: value" (a null or empty
    value left out, ``false`` kept)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(flat(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(
            f"{key}: {flat(item)}" for key, item in value.items() if item is not None and item != []
        )
    return str(value)


def selected_table(view: Selected) -> Table:
    """The fields chosen with ``--fields``, as they are."""
    columns = [_field(name) for name in view.fields]
    return _table(columns, view.rows, [caption(view.reference)])


def _field(name: str) -> Column[Mapping[str, Any]]:
    return Column(heading(name), lambda row: flat(row[name]))


def table(view: View) -> Table:
    """The table of a listing."""
    from natopartners import views

    match view:
        case views.Partners():
            return partners_table(view)
        case views.Operations():
            return operations_table(view)
        case views.Timeline():
            return timeline_table(view)
        case views.Terms():
            return terms_table(view)
        case views.Sources():
            return sources_table(view)
        case views.Hits():
            return hits_table(view)
        case views.Selected():
            return selected_table(view)
        case _:
            raise TypeError(f"{type(view).__name__} is a sheet, not a listing")


def document(view: View) -> Document:
    """The document of a sheet."""
    from natopartners import views

    match view:
        case views.PartnerSheet():
            return partner_document(view)
        case views.OperationSheet():
            return operation_document(view)
        case views.TermSheet():
            return term_document(view)
        case _:
            raise TypeError(f"{type(view).__name__} is a listing, not a sheet")


def valid(name: str, data: Dataset) -> str:
    """What ``validate`` says of a valid file: how many records of each kind it holds."""
    counts = ", ".join(
        plural(len(records), noun, nouns)
        for records, noun, nouns in (
            (data.sources, "source", None),
            (data.partners, "partner", None),
            (data.countries, "other country", "other countries"),
            (data.operations, "operation", None),
            (data.events, "event", None),
            (data.terms, "term", None),
            (data.disputes, "dispute", None),
        )
    )
    return f"{name}: valid ({counts}), data as of {data.dataset.as_of}"


def overview(data: Dataset, where: str, commands: Mapping[str, str], width: int) -> str:
    """What ``natopartners`` alone prints: what the data covers, how current it is, which
    file it comes from, and the commands, wrapped to ``width``."""
    import textwrap

    info = data.dataset
    counts = ", ".join(
        plural(len(records), noun, nouns)
        for records, noun, nouns in (
            (data.partners, "partner", None),
            (data.countries, "other country", "other countries"),
            (data.operations, "operation", None),
            (data.events, "event", None),
            (data.terms, "glossary term", None),
            (data.sources, "source", None),
        )
    )
    about = [
        f"{info.title}, data as of {info.as_of} (version {info.version}), the date of its "
        "newest source; later developments are not covered. Each answer says how current "
        "it is: the date of the newest source behind it.",
        f"{counts}. Data file: {where}",
    ]
    pad = max(map(len, commands), default=0) + 2
    lines = [line for paragraph in about for line in textwrap.wrap(paragraph, width)]
    lines += ["", "Commands:"]
    for name, text in commands.items():
        lines += textwrap.wrap(
            text, width, initial_indent=f"  {name:<{pad}}", subsequent_indent=" " * (pad + 2)
        )
    lines += ["", *textwrap.wrap("Run 'natopartners COMMAND -h' for options and examples.", width)]
    return "\n".join(lines) + "\n"
