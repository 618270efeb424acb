"""The Python API: the answers the command line gives, as the typed rows its JSON is made of.

    >>> import natopartners
    >>> data = natopartners.load()
    >>> data.partner("south korea")["name"]
    'Republic of Korea'
    >>> [p["id"] for p in data.on("2014").partners(relationship="consulted")]
    ['colombia', 'china', 'india', 'singapore', 'indonesia', 'malaysia']

``Reference`` answers with rows and records (``PartnerRow``, ``PartnerDetail``,
``TimelineRow``, ... documented by ``natopartners schema output``). Its ``views`` answer the same
questions with the views the command line renders (rows for every format, the rows people
read, a caption); the CLI is built on them. Nothing here prints or imports Rich; errors are the
project's own (``NotFoundError`` is a ``LookupError``, ``DataError`` and ``UsageError`` are
``ValueError``\\ s).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from natopartners import queries, views
from natopartners.dates import PartialDate
from natopartners.errors import NotFoundError, UsageError, shown
from natopartners.vocabulary import RELATIONSHIP_LABELS

if TYPE_CHECKING:
    from natopartners.models import Dataset
    from natopartners.views import (
        Listing,
        OperationDetail,
        OperationRow,
        OperationSheet,
        PartnerDetail,
        PartnerRow,
        PartnerSheet,
        SearchHit,
        SourceRow,
        TermDetail,
        TermRow,
        TermSheet,
        Timeline,
        TimelineRow,
    )

DateLike = str | PartialDate


def load(path: str | os.PathLike[str] | None = None) -> Reference:
    """The bundled data, or the data file at ``path`` (TOML, or JSON if named ``.json``),
    validated. Raises ``DataError`` listing every problem of an invalid file."""
    from natopartners import loading

    data = loading.bundled_dataset() if path is None else loading.load_file(Path(path))
    return Reference(data)


def _date(value: DateLike | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise UsageError(str(error)) from None


T = TypeVar("T")

# Where each kind of record is shown in full, and where all of them are listed.
_SHOWN_BY = {"partner": "show", "operation": "operations", "term": "glossary"}
_LISTED_BY = {"partner": "list", "operation": "operations", "term": "glossary"}


def _finding(kind: str, find: Callable[[], T], data: Dataset, name: str) -> T:
    """``find()``, or its NotFoundError with a pointer to where ``name`` is found instead: a
    record of another kind, else the commands that list and search everything."""
    try:
        return find()
    except NotFoundError as error:
        others = queries.other_kinds(data, name, kind)
        error.hints[:0] = [
            f"{shown(name)} names {'an' if other[0] in 'aeiou' else 'a'} {other}: "
            f"natopartners {_SHOWN_BY[other]} {ident}"
            for other, ident in others
        ]
        if not error.hints:  # neither another kind nor a close name
            listed = _LISTED_BY[kind]
            error.hints.append(f"natopartners {listed} lists them; natopartners search finds text")
        raise


@dataclass(frozen=True)
class Views:
    """The answers as views for the renderers: what ``natopartners`` prints."""

    data: Dataset
    moment: views.Moment

    def partners(
        self,
        *,
        relationship: str | None = None,
        region: str | None = None,
        operation: str | None = None,
        programme: str | None = None,
    ) -> Listing[PartnerRow]:
        if relationship is not None and relationship not in RELATIONSHIP_LABELS:
            known = ", ".join(RELATIONSHIP_LABELS)
            raise UsageError(f"relationship {shown(relationship)} is not one of: {known}")
        found = queries.filter_partners(
            self.data, on=self.moment.on, relationship_is=relationship, region=region,
            operation=operation, programme_is=programme,
        )  # fmt: skip
        return views.partners(self.data, found, self.moment)

    def partner(self, name: str) -> PartnerSheet:
        found = _finding("partner", lambda: queries.find_partner(self.data, name), self.data, name)
        return views.partner_sheet(self.data, found, self.moment)

    def timeline(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        partner: str | None = None,
        kind: str | None = None,
        operation: str | None = None,
        chart: bool = False,
    ) -> Timeline:
        """Dated entries, oldest first; with ``chart``, what ``timeline --chart`` draws."""
        first, last = _date(since), _date(until)
        if first is not None and last is not None and last.last < first.first:
            raise UsageError(f"until ({last}) is before since ({first})")
        data, on = self.data, self.moment.on
        who = queries.find_partner(data, partner) if partner else None
        what = queries.find_operation(data, operation) if operation else None
        entries = queries.filter_timeline(
            data, on=on, since=first, until=last, partner=who, kind=kind, operation=what
        )
        drawn = None
        if chart:
            drawn = views.chart(
                data, entries, on, since=first, until=last, partner=who, operation=what, kind=kind
            )
        return views.timeline(data, entries, self.moment.caption, drawn)

    def changes(self, start: DateLike, end: DateLike | None = None) -> Timeline:
        """What changed after the state on ``start`` up to the state on ``end`` (the day
        answered for, by default)."""
        after = _date(start)
        assert after is not None
        by = _date(end) or self.moment.as_of or self.data.dataset.as_of
        if by.last < after.last:
            raise UsageError(f"TO ({by}) is before FROM ({after})")
        entries = queries.changes(self.data, after, by)
        return views.timeline(self.data, entries, f"Changes after {after} up to {by}.")

    def operations(self) -> Listing[OperationRow]:
        return views.operations(self.data, self.moment)

    def operation(self, name: str) -> OperationSheet:
        found = _finding(
            "operation", lambda: queries.find_operation(self.data, name), self.data, name
        )
        return views.operation_sheet(self.data, found, self.moment)

    def terms(self) -> Listing[TermRow]:
        return views.terms(self.data, self.moment)

    def term(self, name: str) -> TermSheet:
        found = _finding("term", lambda: queries.find_term(self.data, name), self.data, name)
        return views.term_sheet(self.data, found, self.moment)

    def sources(self) -> Listing[SourceRow]:
        return views.sources(self.data, self.moment)

    def search(self, text: str) -> Listing[SearchHit]:
        from natopartners.search import search

        return views.hits(search(self.data, text, self.moment.on), self.moment)


class Reference:
    """The data, and the day it answers for: the data's newest, or the one ``on`` chose."""

    def __init__(self, data: Dataset, as_of: DateLike | None = None) -> None:
        self.dataset = data
        self.as_of = _date(as_of)

    def __repr__(self) -> str:
        info = self.dataset.dataset
        return f"<natopartners {info.version}, as of {self.as_of or info.as_of}>"

    @cached_property
    def views(self) -> Views:
        return Views(self.dataset, views.Moment(self.dataset, self.as_of))

    def on(self, date: DateLike) -> Reference:
        """The same data, answering as things stood on ``date`` (``"2014"``: its end)."""
        return Reference(self.dataset, date)

    def partners(
        self,
        *,
        relationship: str | None = None,
        region: str | None = None,
        operation: str | None = None,
        programme: str | None = None,
    ) -> list[PartnerRow]:
        """The countries on the scene, narrowed by relationship (``global-partner``,
        ``consulted``, ``operation-contributor``), UN M49 region, operation or programme."""
        found = self.views.partners(
            relationship=relationship, region=region, operation=operation, programme=programme
        )
        return list(found.rows)

    def partner(self, name: str) -> PartnerDetail:
        """One country in full, by any id, name, alias or ISO code; ``NotFoundError`` (a
        ``LookupError``) with suggestions when none matches."""
        return self.views.partner(name).record

    def timeline(
        self,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        partner: str | None = None,
        kind: str | None = None,
        operation: str | None = None,
    ) -> list[TimelineRow]:
        """Dated entries, oldest first, narrowed like ``natopartners timeline``."""
        found = self.views.timeline(
            since=since, until=until, partner=partner, kind=kind, operation=operation
        )
        return list(found.rows)

    def changes(self, start: DateLike, end: DateLike | None = None) -> list[TimelineRow]:
        """What changed between the state on ``start`` and the state on ``end``."""
        return list(self.views.changes(start, end).rows)

    def operations(self) -> list[OperationRow]:
        return list(self.views.operations().rows)

    def operation(self, name: str) -> OperationDetail:
        return self.views.operation(name).record

    def terms(self) -> list[TermRow]:
        return list(self.views.terms().rows)

    def term(self, name: str) -> TermDetail:
        return self.views.term(name).record

    def sources(self) -> list[SourceRow]:
        return list(self.views.sources().rows)

    def search(self, text: str) -> list[SearchHit]:
        return list(self.views.search(text).rows)
