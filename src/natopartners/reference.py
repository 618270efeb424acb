"""The one answer surface: ``load()`` gives a ``Reference``, whose methods the command line
and Python callers share.

    >>> import natopartners
    >>> data = natopartners.load()
    >>> data.partner("south korea")["name"]
    'Republic of Korea'
    >>> [p["id"] for p in data.on("2014").partners(relationship="consulted")]
    ['colombia', 'china', 'india', 'singapore', 'indonesia', 'malaysia']

Each method answers with the typed rows its ``--json`` output is made of (``PartnerRow``,
``PartnerDetail``, ``TimelineRow``, ... in ``natopartners.rows``, documented by ``natopartners
schema output``), freshly made: changing one changes nothing for another caller. Arguments are
checked as the command line checks them (``natopartners.arguments``): a wrong type raises
``TypeError``, a wrong value ``UsageError``; an unknown name raises ``NotFoundError`` (a
``LookupError``) naming close names. Nothing here prints or imports Rich.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from natopartners import arguments, lookup, queries, rows
from natopartners.dates import PartialDate
from natopartners.errors import NotFoundError, UsageError
from natopartners.vocabulary import KIND_ORDER, RELATIONSHIPS, TimelineKind

if TYPE_CHECKING:
    from natopartners.models import Dataset, Operation, Source
    from natopartners.queries import TimelineEntry

DateLike = str | PartialDate


def load(path: str | os.PathLike[str] | None = None) -> Reference:
    """The bundled data, or the data file at ``path`` (TOML, or JSON if named ``.json``),
    validated. Raises ``DataError`` listing every problem of an invalid file."""
    from natopartners import loading

    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    data = loading.bundled_dataset() if path is None else loading.load_file(Path(path))
    return Reference(data)


class Reference:
    """The data, and the day it answers for: the data's newest, or the one ``on`` chose."""

    def __init__(self, dataset: Dataset, as_of: DateLike | None = None) -> None:
        self.dataset = dataset
        self.as_of = None if as_of is None else arguments.date("as_of", as_of)

    def __repr__(self) -> str:
        info = self.dataset.dataset
        return f"<natopartners {info.version}, as of {self.as_of or info.as_of}>"

    @property
    def day(self) -> dt.date:
        """The day answered for: the last day of ``as_of`` (``2014``: 2014-12-31), else of the
        data's newest date."""
        return queries.moment(self.dataset, self.as_of)

    def on(self, date: DateLike) -> Reference:
        """The same data, answering as things stood on ``date`` (``"2014"``: its end)."""
        return Reference(self.dataset, arguments.date("date", date))

    # --- Countries ---------------------------------------------------------------------------

    def partners(
        self,
        *,
        relationship: str | None = None,
        region: str | None = None,
        operation: str | None = None,
        programme: str | None = None,
    ) -> list[rows.PartnerRow]:
        """The partners across the globe and the other countries of the subject on the scene
        (or, asked for by relationship, the Allies or a regional framework's partners),
        narrowed by relationship, UN M49 region or sub-region, operation or programme."""
        data, on = self.dataset, self.day
        found = queries.filter_nations(
            data,
            on=on,
            relationship_is=None
            if relationship is None
            else arguments.choice("relationship", relationship, RELATIONSHIPS),
            region=None if region is None else _region(data, arguments.name("region", region)),
            operation=None if operation is None else self._operation(operation),
            programme_is=None if programme is None else _programme(data, programme),
        )
        return [rows.partner_row(data, nation, on) for nation in found]

    def partner(self, name: str) -> rows.PartnerDetail:
        """Any country in full, by any id, name, alias or ISO 3166 code: a partner of the
        subject, an Ally, a regional partner, or one the data holds no record of (``coverage``
        says which)."""
        found = lookup.find_nation(self.dataset, arguments.name("name", name))
        if isinstance(found, lookup.Unlisted):
            return rows.unlisted_detail(self.dataset, found)
        return rows.partner_detail(self.dataset, found, self.day)

    # --- The timeline ------------------------------------------------------------------------

    def timeline(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        partner: str | None = None,
        kind: str | None = None,
        operation: str | None = None,
    ) -> list[rows.TimelineRow]:
        """Dated entries, oldest first, narrowed like ``natopartners timeline``."""
        return rows.timeline_rows(
            self.dataset, self._entries(since, until, partner, kind, operation), self.day
        )

    def _entries(
        self,
        since: DateLike | None,
        until: DateLike | None,
        partner: str | None,
        kind: str | None,
        operation: str | None,
    ) -> list[TimelineEntry]:
        first = None if since is None else arguments.date("since", since)
        last = None if until is None else arguments.date("until", until)
        if first is not None and last is not None and last.last < first.first:
            raise UsageError(f"until ({last}) is before since ({first})")
        return queries.filter_timeline(
            self.dataset,
            on=self.day,
            since=first,
            until=last,
            nation=None if partner is None else self.country_id(partner),
            kind=None if kind is None else timeline_kind(kind),
            operation=None if operation is None else self._operation(operation).id,
        )

    def changes(self, start: DateLike, end: DateLike | None = None) -> list[rows.TimelineRow]:
        """What changed after the state on ``start`` up to the state on ``end`` (by default the
        day answered for), both read as ``--as-of`` reads them: ``"2014"`` is its end."""
        after, by = self.change_window(start, end)
        entries = queries.changes(self.dataset, after.last, by.last)
        return rows.timeline_rows(self.dataset, entries, by.last)

    def change_window(
        self, start: DateLike, end: DateLike | None
    ) -> tuple[PartialDate, PartialDate]:
        """The two dates ``changes`` compares, checked: FROM, and TO (``end``, else the day
        answered for); TO must not come before FROM, nor differ from an ``as_of`` given."""
        after = arguments.date("start", start)
        given = None if end is None else arguments.date("end", end)
        if given is not None and self.as_of is not None and given.last != self.as_of.last:
            raise UsageError(f"TO ({given}) and --as-of ({self.as_of}) differ: give one")
        by = given or self.as_of
        if by is None:
            newest = self.dataset.dataset.as_of
            by = newest if newest.last >= after.last else after  # nothing known after FROM
        if by.last < after.last:
            raise UsageError(f"TO ({by}) is before FROM ({after})")
        return after, by

    # --- Operations, terms, sources, search --------------------------------------------------

    def operations(self) -> list[rows.OperationRow]:
        """The NATO-led operations begun by the day answered for."""
        data, on = self.dataset, self.day
        return [rows.operation_row(data, o, on) for o in queries.operations_on(data, on)]

    def operation(self, name: str) -> rows.OperationDetail:
        """One operation in full, by id, acronym or name."""
        return rows.operation_detail(self.dataset, self._operation(name), self.day)

    def terms(self) -> list[rows.TermRow]:
        """The bodies, frameworks and programmes the sources name (undated: always all)."""
        return [rows.term_row(t) for t in self.dataset.terms]

    def term(self, name: str) -> rows.TermDetail:
        """One glossary term in full, by id, acronym or name."""
        found = lookup.find_term(self.dataset, arguments.name("name", name))
        return rows.term_detail(self.dataset, found, self.day)

    def sources(self) -> list[rows.SourceRow]:
        """The documents the data rests on, with how many records cite each: as of a day
        before the data's newest, those that had appeared by then (and the undated)."""
        return rows.source_rows(self.dataset, self.day)

    def search(self, text: str) -> list[rows.SearchHit]:
        """Every record on the scene showing ``text``, one hit per record, names first."""
        from natopartners.search import search

        return rows.hit_rows(search(self.dataset, arguments.text("text", text), self.day))

    def cited(self, record: str | None = None) -> tuple[list[Source], dict[str, list[str]]]:
        """The sources behind one answer, with the sections cited from each: those ``show``,
        ``operations`` or ``glossary`` cite for a record named by any of its names, those of a
        timeline entry named by its id, or, with no record, every source of the data."""
        from natopartners.models import Operation, Term

        data, on = self.dataset, self.day
        if record is None:
            return queries.sources_by(data, on), {}
        wanted = arguments.name("record", record)
        entry = queries.find_entry(data, wanted)
        found = entry or lookup.find_record(data, wanted)
        cited: list[rows.CitedSource]
        if isinstance(found, queries.TimelineEntry):
            cited = rows.cited_sources(data, found.sources)
        elif isinstance(found, lookup.Unlisted):
            cited = rows.unlisted_detail(data, found)["cited_sources"]
        elif isinstance(found, Operation):
            cited = rows.operation_detail(data, found, on)["cited_sources"]
        elif isinstance(found, Term):
            cited = rows.term_detail(data, found, on)["cited_sources"]
        else:
            cited = rows.partner_detail(data, found, on)["cited_sources"]
        return [data.source_index[c["id"]] for c in cited], {c["id"]: c["sections"] for c in cited}

    # --- Lookups -----------------------------------------------------------------------------

    def _operation(self, name: str) -> Operation:
        return lookup.find_operation(self.dataset, arguments.name("operation", name))

    def country_id(self, name: str) -> str:
        """The id of the country ``name`` names (``"ROK"``: ``"korea"``)."""
        return lookup.find_nation(self.dataset, arguments.name("partner", name)).id

    def operation_id(self, name: str) -> str:
        """The id of the operation ``name`` names (``"Joint Guardian"``: ``"kfor"``)."""
        return self._operation(name).id


def timeline_kind(value: object) -> TimelineKind:
    """A kind of timeline entry, in any case or by an unambiguous prefix."""
    return arguments.choice("kind", value, KIND_ORDER)


def _region(data: Dataset, name: str) -> str:
    try:
        return lookup.find_region(data, name)
    except NotFoundError as error:
        error.notes.append(
            f"regions and sub-regions in the data: {', '.join(lookup.regions(data))}"
        )
        raise


def _programme(data: Dataset, name: object) -> str:
    known = lookup.programmes(data)
    try:
        return lookup.find_programme(data, arguments.name("programme", name)).id
    except NotFoundError as error:
        error.notes.append(f"programmes in the data: {', '.join(t.id for t in known)}")
        raise
