"""Search: every text the tool shows, compared the way names are, one hit per record.

What is searched, record by record (a field path is written relative to its record, as in
the data file, with list positions in brackets; what another record says of this one is
under ``disputes[<dispute id>]``):

=========  ==================================================================================
partner    name, official_name, aliases[i], iso3, iso2, id, summary, region, subregion,
           relationship[i].note, programme[i].note, contributions[i].title,
           contributions[i].summary, contributions[i].note, disputes[d].value,
           disputes[d].summary
operation  name, acronym, aliases[i], id, summary, theatre, disputes[d].value,
           disputes[d].summary
event      title, id, summary, disputes[d].value, disputes[d].summary
term       name, acronym, aliases[i], id, summary, disputes[d].value, disputes[d].summary
source     title, id, publisher, note
=========  ==================================================================================

Not searched, on purpose: URLs; the ids by which one record names another (a citation's
source, a programme, a contribution's operation, an operation's hosts, an event's partners,
operations and terms, a dispute's record); closed vocabularies (relationship, event kind,
grade), whose labels are not the data's words; a citation's section (a heading of someone
else's document, such as "Introduction", cited by dozens of records); a dispute's id and the
name of the field it concerns; and the file's own ``[dataset]`` description.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from natopartners.errors import ELLIPSIS
from natopartners.lookup import fold, fold_char
from natopartners.queries import (
    begun,
    contributions,
    moment,
    on_the_scene,
    operations_on,
    prose,
    sources_by,
)
from natopartners.vocabulary import HitKind

if TYPE_CHECKING:  # read here, never built: importing the models costs start-up
    from natopartners.models import Dataset, Partner

__all__ = [
    "CONTEXT",
    "ELLIPSIS",
    "Hit",
    "HitKind",
    "Rank",
    "search",
]


CONTEXT = 60
"""How many characters of context a snippet keeps at most on either side of the match."""


class Rank(IntEnum):
    """How telling the field that matched is; lower ranks come first in the results."""

    NAME = 0  # a name, title, acronym, alias or code: the record is what was asked for
    ID = 1
    TEXT = 2  # the record's own description: summary, region, theatre, publisher
    DETAIL = 3  # notes, contributions, disputes: the record mentions what was asked for


@dataclass(frozen=True)
class Hit:
    """One record that contains the text, with the most telling field where it does.

    ``text`` is a snippet of that field around the first match (whitespace collapsed, cut on
    word boundaries, an ellipsis where cut); ``match`` is the ``(start, end)`` of the matched
    text inside the snippet, for a renderer to highlight.
    """

    kind: HitKind
    id: str
    name: str
    field: str
    text: str
    match: tuple[int, int]
    rank: Rank


def search(data: Dataset, text: str, on: dt.date | None = None) -> list[Hit]:
    """Every record showing ``text`` in a field, ignoring case, accents and punctuation.

    Each record appears once, with its most telling field (names before its id, the id before
    its summary, the summary before notes); records whose name matched come first, otherwise
    the data's order holds (partners, operations, events, terms, sources). What was not yet
    on the scene by ``on`` is left out as elsewhere: partners as ``list`` counts them,
    operations not begun, later events, periods and contributions not begun. Terms and
    sources are undated and always searched.
    """
    folded = fold(text)
    if not folded:
        return []
    needle = _Needle(folded)
    hits = []
    for kind, ident, name, fields in _records(data, on or moment(data)):
        for path, value, rank in fields:
            if value and (span := needle.find(value)):
                snippet, match = _snippet(value, span, needle)
                hits.append(Hit(kind, ident, name, path, snippet, match, rank))
                break
    return sorted(hits, key=lambda hit: hit.rank)


class _Needle:
    """The folded text asked for, and the quickest exact way to find it in a field.

    The needle is found where a word of the field begins: ``" " + needle`` in ``" " +
    fold(text)`` is the definition (so ``U.S.`` is not the end of "EU's", nor ``a.b`` the end
    of "Australia becomes"; ``pira`` still finds "piracy"). Folding every field character by
    character
    is too slow for a large dataset, so ASCII text (nearly all of it) is tested without
    folding: in its lowercase form (same length, same offsets), the longest word of the
    needle must occur, and then a pattern that reads the needle's spaces as what ``fold``
    turns into one (any run of non-word characters) must match.
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        words = folded.split(" ")
        self._word = max(words, key=len)
        joined = r"[\W_]+".join(map(re.escape, words))
        self._pattern = re.compile(r"(?<![a-z0-9])" + joined, re.ASCII)

    def find(self, text: str) -> tuple[int, int] | None:
        """The span of ``text`` whose characters fold to the needle, first one first."""
        if text.isascii():
            lowered = text.lower()
            found = self._word in lowered and self._pattern.search(lowered)
            return found.span() if found else None
        at = (" " + fold(text)).find(" " + self.folded)  # at: where it begins in fold(text)
        return None if at < 0 else _source_span(text, at, at + len(self.folded))


_Field = tuple[str, "str | None", Rank]


def _records(data: Dataset, on: dt.date) -> Iterator[tuple[HitKind, str, str, Sequence[_Field]]]:
    """Every record on the scene by ``on``, in data order: kind, id, name, and the searched
    fields, most telling first, each as (path, text, rank); an optional field may be None.

    Spelled out kind by kind rather than built by helpers: a search walks every field of up
    to 100,000 events, and calls per record cost more than the search itself.
    """
    said = _disputes(data, on)
    name, ident, text, detail = Rank.NAME, Rank.ID, Rank.TEXT, Rank.DETAIL
    hindsight = on < data.dataset.as_of.last  # else no text is left out: spare 100,000 calls

    for p in (p for p in data.partners if on_the_scene(data, p, on)):
        fields = [
            ("name", p.name, name),
            ("official_name", p.official_name, name),
            *_listed("aliases", p.aliases),
            ("iso3", p.iso3, name),
            ("iso2", p.iso2, name),
            ("id", p.id, ident),
            ("summary", prose(data, p.summary, p.sources, on), text),
            ("region", p.region, text),
            ("subregion", p.subregion, text),
            *_details(data, p, on),
            *said.get(f"partners.{p.id}", ()),
        ]
        yield "partner", p.id, p.name, fields
    for o in operations_on(data, on):
        fields = [
            ("name", o.name, name),
            ("acronym", o.acronym, name),
            *_listed("aliases", o.aliases),
            ("id", o.id, ident),
            ("summary", prose(data, o.summary, o.sources, on), text),
            ("theatre", o.theatre, text),
            *said.get(f"operations.{o.id}", ()),
        ]
        yield "operation", o.id, o.name, fields
    for e in data.events:
        if e.date.first <= on:
            own = (
                ("title", e.title, name),
                ("id", e.id, ident),
                (
                    "summary",
                    prose(data, e.summary, e.sources, on) if hindsight else e.summary,
                    text,
                ),
            )
            yield "event", e.id, e.title, own + said.get(f"events.{e.id}", ())
    for t in data.terms:
        fields = [
            ("name", t.name, name),
            ("acronym", t.acronym, name),
            *_listed("aliases", t.aliases),
            ("id", t.id, ident),
            ("summary", t.summary, text),
            *said.get(f"terms.{t.id}", ()),
        ]
        yield "term", t.id, t.name, fields
    for s in sources_by(data, on):
        fields = [
            ("title", s.title, name),
            ("id", s.id, ident),
            ("publisher", s.publisher, text),
            ("note", s.note, detail),
        ]
        yield "source", s.id, s.title, fields


def _listed(path: str, aliases: Sequence[str]) -> list[_Field]:
    return [(f"{path}[{i}]", alias, Rank.NAME) for i, alias in enumerate(aliases)]


def _details(data: Dataset, partner: Partner, on: dt.date) -> Iterator[_Field]:
    """The notes of a partner's periods and its contributions begun by ``on``, numbered by
    their place in the data (whatever ``on`` leaves out), as ``prose`` shows them."""
    for kind, periods in (("relationship", partner.relationship), ("programme", partner.programme)):
        for i, period in enumerate(periods):
            if begun(period.start, on):
                yield f"{kind}[{i}].note", prose(data, period.note, period.sources, on), Rank.DETAIL
    for i, period in enumerate(partner.relationship):
        said = period.announced_end
        if said is not None and said.date.first <= on:
            yield f"relationship[{i}].announced_end.summary", said.summary, Rank.DETAIL
    counted = {id(c) for c in contributions(data, partner, on)}
    for i, c in enumerate(partner.contributions):
        if id(c) in counted:
            shown = (
                ("title", c.title),
                ("summary", prose(data, c.summary, c.sources, on)),
                ("note", prose(data, c.note, c.sources, on)),
            )
            for field, text in shown:
                yield f"contributions[{i}].{field}", text, Rank.DETAIL


def _disputes(data: Dataset, on: dt.date) -> dict[str, tuple[_Field, ...]]:
    """The fields of the disputes about each record (``kind.id``): they are kept apart from
    the record, but what they say is shown with it, so it is found with it."""
    said: dict[str, tuple[_Field, ...]] = {}
    for d in data.disputes:
        path = f"disputes[{d.id}]"
        found = (
            (f"{path}.value", d.value, Rank.DETAIL),
            (f"{path}.summary", prose(data, d.summary, d.sources, on), Rank.DETAIL),
        )
        said[d.record] = said.get(d.record, ()) + found
    return said


def _snippet(text: str, span: tuple[int, int], needle: _Needle) -> tuple[str, tuple[int, int]]:
    """Up to ``CONTEXT`` characters of ``text`` either side of the match at ``span``, cut on
    word boundaries and with whitespace collapsed, and where the match is in that snippet."""
    clean = " ".join(text.split())
    if len(clean) < len(text):  # runs of whitespace went and offsets moved: find it again
        found = needle.find(clean)
        assert found is not None, "the fold ignores whitespace, so the match is still there"
        span = found
    text = clean
    first, last = span
    left = _word_start(text, first - CONTEXT, first)
    right = _word_end(text, last + CONTEXT, last)
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if right < len(text) else ""
    offset = len(prefix) - left
    return prefix + text[left:right] + suffix, (first + offset, last + offset)


def _source_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` whose characters fold to ``fold(text)[start:end]``.

    Folds ``text`` a character at a time, up to the match only, counting the folded length as
    ``fold`` builds it (a space between words, none at either end). ``start`` and ``end - 1``
    never fall on a space: the folded query has none at its ends. A character that folds to
    several ("ß" to "ss") is taken whole; accents left combining after it are kept with it.
    """
    folded = 0  # characters of the fold produced so far
    space = False  # a space is owed before the next character, if one follows
    first = 0
    for index, char in enumerate(text):
        for out in fold_char(char):
            if out == " ":
                space = folded > 0
                continue
            if space:
                folded += 1
                space = False
            if folded == start:
                first = index
            if folded == end - 1:
                last = index + 1
                while last < len(text) and not fold_char(text[last]):
                    last += 1
                return first, last
            folded += 1
    raise ValueError(f"no characters fold to offsets {start}..{end} of {text!r}")


def _word_start(text: str, at: int, limit: int) -> int:
    """Where a snippet from ``at`` on starts: the first word that begins at or after ``at``
    (and by ``limit``, the match), or ``at`` itself inside a word too long to keep whole."""
    if at <= 0:
        return 0
    space = text.find(" ", at - 1, limit)
    return space + 1 if space >= 0 else at


def _word_end(text: str, at: int, limit: int) -> int:
    """Where a snippet up to ``at`` ends: after the last word that ends by ``at`` (and not
    before ``limit``, the match's end), or ``at`` itself inside a word too long to keep."""
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", limit, at + 1)
    return space if space >= 0 else at
