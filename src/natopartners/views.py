"""Output views: the records each command prints, built field by field.

A view is the public shape of the output (documented in the README): snake_case keys in a
fixed order, dates as written in the data, lists of ids. It is separate from the storage
models so the data file can evolve without breaking scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from natopartners import queries
from natopartners.models import Citation, Dataset, Partner
from natopartners.queries import TimelineEntry

Row = dict[str, Any]


@dataclass(frozen=True)
class Listing:
    """Rows of one kind, with every field they carry and the few a table shows by default."""

    kind: str
    fields: tuple[str, ...]
    rows: list[Row]
    table_fields: tuple[str, ...] = field(default=())

    def select(self, fields: Sequence[str]) -> Listing:
        """The same rows with only ``fields``, in that order (names already checked)."""
        rows = [{name: row[name] for name in fields} for row in self.rows]
        return Listing(self.kind, tuple(fields), rows, tuple(fields))


PARTNER_FIELDS = (
    "id",
    "name",
    "official_name",
    "relationship",
    "programme",
    "region",
    "subregion",
    "iso2",
    "iso3",
    "aliases",
    "operations",
    "summary",
    "sources",
)
PARTNER_TABLE_FIELDS = ("id", "name", "relationship", "programme", "region", "operations")

DETAIL_FIELDS = (*PARTNER_FIELDS, "contributions", "timeline", "cited_sources")

TIMELINE_FIELDS = ("date", "kind", "id", "title", "summary", "partners", "operations", "sources")
TIMELINE_TABLE_FIELDS = ("date", "kind", "title", "partners", "operations")


def source_ids(citations: Sequence[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in citations))


def partner_row(partner: Partner) -> Row:
    relationship = queries.relationship(partner)
    programme = queries.programme(partner)
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
        "operations": queries.partner_operations(partner),
        "summary": partner.summary,
        "sources": source_ids(partner.sources),
    }


def partners(rows: Sequence[Partner]) -> Listing:
    return Listing("partners", PARTNER_FIELDS, [partner_row(p) for p in rows], PARTNER_TABLE_FIELDS)


def timeline_row(entry: TimelineEntry) -> Row:
    return {
        "date": entry.date.text,
        "kind": entry.kind,
        "id": entry.id,
        "title": entry.title,
        "summary": entry.summary,
        "partners": list(entry.partners),
        "operations": list(entry.operations),
        "sources": source_ids(entry.sources),
    }


def timeline(entries: Sequence[TimelineEntry]) -> Listing:
    return Listing(
        "events", TIMELINE_FIELDS, [timeline_row(e) for e in entries], TIMELINE_TABLE_FIELDS
    )


def partner_detail(data: Dataset, partner: Partner) -> Row:
    """One partner in full: its row, contributions, own timeline and the sources it cites."""
    cited: list[Citation] = [*partner.sources]
    for period in (*partner.relationship, *partner.programme, *partner.contributions):
        cited.extend(period.sources)
    sections: dict[str, list[str]] = {}
    for citation in cited:
        found = sections.setdefault(citation.source, [])
        if citation.section and citation.section not in found:
            found.append(citation.section)
    return {
        **partner_row(partner),
        "contributions": [
            {
                "operation": c.operation,
                "summary": c.summary,
                "since": c.since.text if c.since else None,
                "until": c.until.text if c.until else None,
                "sources": source_ids(c.sources),
            }
            for c in partner.contributions
        ],
        "timeline": [timeline_row(e) for e in queries.partner_timeline(data, partner)],
        "cited_sources": [
            {
                "id": source.id,
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "updated": source.updated.text if source.updated else None,
                "grade": source.grade,
                "sections": sections[source.id],
            }
            for source in (data.source_index[sid] for sid in sections)
        ],
    }
