"""Generate a synthetic natopartners data file of any size, with the bundled file's schema.

The output follows ``src/natopartners/models.py`` (the same tables and keys as
``data/partners.toml``): every id is unique within its kind, every reference (sources cited,
programme terms, contribution operations, event partners/operations/terms, dispute records)
names an existing record, periods and operations never end before they start, and every
string is a single printable line where the schema asks for one. The same arguments always
give the same bytes (the generator is seeded).

Proportions, per partner (chosen to match data/partners.toml where it has them):

* events: ``--events-per-partner`` (default 10), each naming 0-3 partners, 0-2 operations
  and 0-3 terms; dates from 1990 to 2024 written as a decade, year, month or day (some as
  TOML dates);
* operations: 1 per 4 partners (bundled: 4 for 16); terms: 7 per 8 partners (14 for 16);
  sources: 1 per 16 partners, at least 2 (bundled: 1);
* contributions: 0-3 per partner, 0.5 on average (bundled: 8 for 16), most tied to an
  operation, 40 % dated;
* periods: every partner has one open relationship period, a fifth also a closed earlier
  one; 56 % have a programme period (9 of 16 bundled), some of them two;
* disputes: 1 per 50 partners; aliases 0-3; 1-4 citations per record;
* text lengths near the bundled means (summaries of partners ~280 characters, events ~450).

ISO codes: ISO3 codes are unique up to 17,576 partners; ISO2 codes repeat beyond 676
partners (there are only 676 two-letter codes), which the schema allows.

Usage::

    python benchmarks/synthetic.py --partners 1000 --out /tmp/syn-1000.toml
    natopartners --data /tmp/syn-1000.toml list --json > /dev/null
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

# Neutral vocabulary for summaries and titles: the text is filler, its length is what counts.
_WORD_TEXT = """
alliance allies annual assistance border capacity civil coast command common cooperation council
crisis cyber defence dialogue disaster education emergency energy exercise expert forces framework
funding interoperability joint liaison logistics maritime medical meeting mission naval network
officers operation partnership peacekeeping piracy planning policy practical programme reform
regional rescue research resilience science security staff stabilisation strategic support
sustained team technical terrorism training transparency trust troops visit women
the of and with in for to by on a its their was were has had as at from
"""
_SYLLABLE_TEXT = (
    "al ba cor da el fa gor ha is ka lor ma nor ol pa qua ro sa ta ur va wen xa yor zan"
)
_SYLLABLE_TEXT += " bel cam dor fen gal"
WORDS = tuple(_WORD_TEXT.split())
AVERAGE_WORD = round(sum(len(word) + 1 for word in WORDS) / len(WORDS))
SYLLABLES = tuple(_SYLLABLE_TEXT.split())
REGIONS = {
    "Africa": ("Northern Africa", "Sub-Saharan Africa"),
    "Americas": ("Latin America and the Caribbean", "Northern America"),
    "Asia": ("Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"),
    "Oceania": ("Australia and New Zealand", "Melanesia", "Polynesia"),
}
RELATIONSHIPS = ("global-partner", "consulted", "operation-contributor")
RELATIONSHIP_WEIGHTS = (9, 5, 2)  # as in data/partners.toml: 9, 5 and 2 of 16
EVENT_KINDS = ("summit", "ministerial", "policy", "dialogue")
GRADES = ("N", "N", "G", "G", "M", "W")
SECTIONS = ("Introduction", "Highlights", "Support for NATO-led operations", "Background")
THEATRES = ("Afghanistan", "Kosovo", "Gulf of Aden", "Mediterranean Sea", "Iraq", "Libya")
DISPUTED_FIELDS = {
    "partners": ("official_name", "region"),
    "operations": ("start", "end", "name"),
    "events": ("date", "title"),
    "terms": ("name",),
}
FIRST_YEAR, LAST_YEAR = 1990, 2024
ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class Counts:
    """How many records of each kind a generated file holds."""

    partners: int
    events: int
    operations: int
    terms: int
    sources: int
    contributions: int
    dated_contributions: int
    dated_operation_bounds: int
    relationship_periods: int
    programme_periods: int
    disputes: int

    @property
    def timeline_entries(self) -> int:
        """Rows ``natopartners timeline`` prints: events, operation starts/ends, dated
        contributions."""
        return self.events + self.dated_operation_bounds + self.dated_contributions


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escaping is a subset of TOML's."""
    return json.dumps(value, ensure_ascii=False)


def toml_value(value: Any) -> str:
    """A TOML value for str, bool, int, date, list or dict (as an inline table)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items())
        return "{ " + pairs + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def table(header: str, record: dict[str, Any]) -> str:
    """An ``[[header]]`` block with one ``key = value`` line per non-None field."""
    lines = [f"[[{header}]]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in record.items() if value is not None]
    return "\n".join(lines) + "\n\n"


class Generator:
    """Builds the records of one synthetic dataset from a seeded random generator."""

    def __init__(self, partners: int, events_per_partner: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_partners = partners
        self.n_events = partners * events_per_partner
        self.n_operations = max(2, partners // 4)
        self.n_terms = max(3, partners * 7 // 8)
        self.n_sources = max(2, partners // 16)
        self.n_disputes = partners // 50
        self.seed = seed
        self.source_ids = [f"src-{i + 1}" for i in range(self.n_sources)]
        self.operation_ids = [
            f"op-{self._name_slug(i, 2)}-{i + 1}" for i in range(self.n_operations)
        ]
        self.term_ids = [f"term-{self._name_slug(i + 7, 2)}-{i + 1}" for i in range(self.n_terms)]
        self.partner_names = self._unique_names(partners)
        self.partner_ids = [self._slug(name) for name in self.partner_names]
        self.event_ids: list[str] = []
        self.operation_bounds = 0
        self.contributions = 0
        self.dated_contributions = 0
        self.relationship_periods = 0
        self.programme_periods = 0

    # -- text ---------------------------------------------------------------------------

    def words(self, low: int, high: int) -> str:
        """A sentence of ``low``-``high`` characters (roughly), capitalised, with a full stop."""
        target = self.rng.randint(low, high)
        # Draw words in one call (fast), about enough for the target, then cut at a word end.
        chosen = self.rng.choices(WORDS, k=target // AVERAGE_WORD + 2)
        text = " ".join(chosen)
        cut = text.find(" ", target)
        text = text if cut < 0 else text[:cut]
        return text[0].upper() + text[1:] + "."

    def title(self, low: int, high: int) -> str:
        return self.words(low, high).rstrip(".").title()

    @staticmethod
    def _slug(text: str) -> str:
        """An id from a name: ASCII letters and digits, words joined by hyphens."""
        words = ("".join(c for c in part if c in ID_CHARS) for part in text.lower().split())
        return "-".join(word for word in words if word)

    @staticmethod
    def _name_slug(index: int, parts: int) -> str:
        """A pronounceable word from ``index``, deterministic and independent of the rng."""
        letters = []
        for _ in range(parts + 1):
            index, digit = divmod(index, len(SYLLABLES))
            letters.append(SYLLABLES[digit])
        return "".join(letters)

    def _unique_names(self, count: int) -> list[str]:
        """Country-like names, all different: three or four syllables, capitalised."""
        three = ["".join(parts) for parts in product(SYLLABLES, repeat=3)]
        pool = (
            three
            if count <= len(three) // 2
            else three + [f"{a}{b}" for a in three for b in SYLLABLES]
        )
        names: list[str] = []
        taken: set[str] = set()
        for i, stem in enumerate(self.rng.sample(pool, count)):
            name = stem.capitalize() + self.rng.choice(("ia", "land", "stan", "a", "ar"))
            while name.lower() in taken:  # two stems and endings can spell the same name
                name += self.rng.choice(SYLLABLES)
            taken.add(name.lower())
            names.append(name if i % 40 else f"Côte {name}")  # some non-ASCII names, as in data
        return names

    # -- dates ----------------------------------------------------------------------------

    def date(
        self, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR, *, decade: bool = True
    ) -> Any:
        """A partial date: decade 5 %, year 40 %, month 35 %, day 20 % (half as TOML dates)."""
        year = self.rng.randint(first_year, last_year)
        roll = self.rng.random()
        if roll < 0.05 and decade:
            return f"{year // 10 * 10}s"
        if roll < 0.45:
            return str(year)
        month = self.rng.randint(1, 12)
        if roll < 0.80:
            return f"{year}-{month:02d}"
        day = dt.date(year, month, self.rng.randint(1, 28))
        return day if self.rng.random() < 0.5 else day.isoformat()

    @staticmethod
    def year_of(value: Any) -> int:
        return value.year if isinstance(value, dt.date) else int(str(value)[:4])

    def span(self) -> tuple[Any, Any]:
        """Two dates, the second in a later year than the first (so always ordered) and
        before the data's ``as_of`` year, so a period that follows has begun by then."""
        start = self.date(FIRST_YEAR, LAST_YEAR - 6)
        first = self.year_of(start) + 2
        end = self.date(first, min(LAST_YEAR - 1, first + 13), decade=False)
        return start, end

    # -- records --------------------------------------------------------------------------

    def citations(self, low: int = 1, high: int = 3) -> list[dict[str, str]]:
        found = []
        for _ in range(self.rng.randint(low, high)):
            citation = {"source": self.rng.choice(self.source_ids)}
            if self.rng.random() < 0.8:
                citation["section"] = self.rng.choice(SECTIONS)
            found.append(citation)
        return found

    def sources(self) -> Iterator[dict[str, Any]]:
        for i, ident in enumerate(self.source_ids):
            yield {
                "id": ident,
                "title": self.title(25, 70),
                "publisher": self.rng.choice(("NATO", "A ministry of defence", "A think tank")),
                "url": f"https://example.org/sources/{i + 1}.html",
                "updated": self.date(2000, LAST_YEAR),
                "grade": self.rng.choice(GRADES),
                "note": self.words(40, 120) if self.rng.random() < 0.2 else None,
            }

    def partners(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Each partner, and its contributions (written as [[partners.contributions]])."""
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        iso3_pool = ["".join(p) for p in product(letters, repeat=3)]
        iso3_codes = self.rng.sample(iso3_pool, min(self.n_partners, len(iso3_pool)))
        for i, (ident, name) in enumerate(zip(self.partner_ids, self.partner_names, strict=True)):
            region = self.rng.choice(sorted(REGIONS))
            iso3 = iso3_codes[i % len(iso3_codes)]
            record: dict[str, Any] = {
                "id": ident,
                "name": name,
                "official_name": f"Republic of {name}" if self.rng.random() < 0.6 else name,
                "aliases": [
                    self.title(4, 14) for _ in range(self.rng.choice((0, 0, 0, 1, 1, 2, 3)))
                ],
                "iso2": iso3[:2],
                "iso3": iso3,
                "region": region,
                "subregion": self.rng.choice(REGIONS[region]),
                "relationship": self.relationship(),
                "programme": self.programme(),
                "summary": self.words(180, 380),
                "sources": self.citations(1, 4),
            }
            yield record, self.partner_contributions()

    def relationship(self) -> list[dict[str, Any]]:
        value = self.rng.choices(RELATIONSHIPS, RELATIONSHIP_WEIGHTS)[0]
        if self.rng.random() < 0.2:
            earlier = self.rng.choice([r for r in RELATIONSHIPS if r != value])
            start, end = self.span()
            self.relationship_periods += 2
            return [
                {"value": earlier, "since": start, "until": end, "sources": self.citations(1, 1)},
                {
                    "value": value,
                    "since": str(self.year_of(end) + 1),
                    "sources": self.citations(1, 1),
                },
            ]
        self.relationship_periods += 1
        return [{"value": value, "sources": self.citations(1, 1)}]

    def programme(self) -> list[dict[str, Any]] | None:
        roll = self.rng.random()
        if roll >= 0.56:
            return None
        if roll < 0.08:
            start, end = self.span()
            self.programme_periods += 2
            return [
                {
                    "value": self.rng.choice(self.term_ids),
                    "since": start,
                    "until": end,
                    "sources": self.citations(1, 1),
                },
                {
                    "value": self.rng.choice(self.term_ids),
                    "since": str(self.year_of(end) + 1),
                    "sources": self.citations(1, 1),
                },
            ]
        self.programme_periods += 1
        return [{"value": self.rng.choice(self.term_ids), "sources": self.citations(1, 1)}]

    def partner_contributions(self) -> list[dict[str, Any]]:
        found = []
        for _ in range(self.rng.choices((0, 1, 2, 3), (65, 25, 5, 5))[0]):
            since, until = self.span() if self.rng.random() < 0.4 else (None, None)
            if since is not None and self.rng.random() < 0.5:
                until = None
            found.append(
                {
                    "operation": self.rng.choice(self.operation_ids)
                    if self.rng.random() < 0.75
                    else None,
                    "summary": self.words(60, 200),
                    "since": since,
                    "until": until,
                    "sources": self.citations(1, 2),
                }
            )
            self.contributions += 1
            self.dated_contributions += since is not None
        return found

    def operations(self) -> Iterator[dict[str, Any]]:
        for i, ident in enumerate(self.operation_ids):
            start, end = self.span()
            if self.rng.random() < 0.3:
                end = None  # ongoing
            if self.rng.random() < 0.15:
                start = end = None  # the sources give no dates
            self.operation_bounds += (start is not None) + (end is not None)
            yield {
                "id": ident,
                "name": f"Operation {self.title(8, 24)} {i + 1}",
                "acronym": "".join(w[0] for w in ident.split("-")[:3]).upper()
                if self.rng.random() < 0.6
                else None,
                "theatre": self.rng.choice(THEATRES),
                "start": start,
                "end": end,
                "summary": self.words(150, 360),
                "sources": self.citations(1, 3),
            }

    def events(self) -> Iterator[dict[str, Any]]:
        for i in range(self.n_events):
            kind = self.rng.choice(EVENT_KINDS)
            date = self.date()
            ident = f"{kind}-{self.year_of(date)}-{i + 1}"
            self.event_ids.append(ident)
            yield {
                "id": ident,
                "date": date,
                "kind": kind,
                "title": self.title(12, 60),
                "summary": self.words(250, 650),
                "partners": self.sample(self.partner_ids, (0, 1, 2, 3), (40, 35, 15, 10)),
                "operations": self.sample(self.operation_ids, (0, 1, 2), (70, 25, 5)),
                "terms": self.sample(self.term_ids, (0, 1, 2, 3), (30, 35, 25, 10)),
                "sources": self.citations(1, 2),
            }

    def sample(
        self, pool: Sequence[str], sizes: Sequence[int], weights: Sequence[int]
    ) -> list[str]:
        size = min(len(pool), self.rng.choices(sizes, weights)[0])
        return self.rng.sample(pool, size)

    def terms(self) -> Iterator[dict[str, Any]]:
        for i, ident in enumerate(self.term_ids):
            yield {
                "id": ident,
                "name": f"{self.title(10, 40)} {i + 1}",
                "acronym": "".join(w[0] for w in ident.split("-")[:3]).upper()
                if self.rng.random() < 0.5
                else None,
                "summary": self.words(150, 420),
                "sources": self.citations(1, 2),
            }

    def disputes(self) -> Iterator[dict[str, Any]]:
        kinds = {
            "partners": self.partner_ids,
            "operations": self.operation_ids,
            "events": self.event_ids,
            "terms": self.term_ids,
        }
        for i in range(self.n_disputes):
            kind = self.rng.choice(sorted(kinds))
            yield {
                "id": f"dispute-{i + 1}",
                "record": f"{kind}.{self.rng.choice(kinds[kind])}",
                "field": self.rng.choice(DISPUTED_FIELDS[kind]),
                "value": self.title(4, 30),
                "summary": self.words(80, 200),
                "sources": self.citations(2, 3),
            }

    # -- the file -------------------------------------------------------------------------

    def chunks(self) -> Iterator[str]:
        """The file, in pieces, in the bundled file's order of tables."""
        yield (
            f"# Synthetic natopartners data: {self.n_partners} partners, seed {self.seed}.\n"
            "# Generated by benchmarks/synthetic.py; the text is filler.\n\n"
            "[dataset]\n"
            f"title = {toml_string(f'Synthetic dataset ({self.n_partners} partners)')}\n"
            f'version = "synthetic-{self.seed}"\n'
            'as_of = "2024-12-31"\n'
            f"description = {toml_string(self.words(80, 160))}\n\n"
        )
        for source in self.sources():
            yield table("sources", source)
        for partner, contributions in self.partners():
            yield table("partners", partner)
            for contribution in contributions:
                yield table("partners.contributions", contribution)
        for operation in self.operations():
            yield table("operations", operation)
        for event in self.events():
            yield table("events", event)
        for term in self.terms():
            yield table("terms", term)
        for dispute in self.disputes():  # after events: disputes may name them
            yield table("disputes", dispute)

    def counts(self) -> Counts:
        """Valid once ``chunks`` has been consumed."""
        return Counts(
            partners=self.n_partners,
            events=self.n_events,
            operations=self.n_operations,
            terms=self.n_terms,
            sources=self.n_sources,
            contributions=self.contributions,
            dated_contributions=self.dated_contributions,
            dated_operation_bounds=self.operation_bounds,
            relationship_periods=self.relationship_periods,
            programme_periods=self.programme_periods,
            disputes=self.n_disputes,
        )


def generate(
    partners: int, out: Path | None, *, events_per_partner: int = 10, seed: int = 0
) -> Counts:
    """Write a dataset to ``out`` (stdout if None) and return what it holds."""
    if partners < 1:
        raise ValueError("--partners must be at least 1")
    generator = Generator(partners, events_per_partner, seed)
    if out is None:
        for chunk in generator.chunks():
            sys.stdout.write(chunk)
    else:
        with out.open("w", encoding="utf-8", newline="\n") as handle:
            for chunk in generator.chunks():
                handle.write(chunk)
    return generator.counts()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a synthetic natopartners data file (same schema as data/partners.toml)."
    )
    parser.add_argument("--partners", type=int, default=100, help="number of partners (100)")
    parser.add_argument(
        "--events-per-partner", type=int, default=10, help="events per partner (10)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument("--out", type=Path, default=None, help="output file (default: stdout)")
    args = parser.parse_args(argv)
    if args.events_per_partner < 0:
        parser.error("--events-per-partner cannot be negative")
    try:
        counts = generate(
            args.partners, args.out, events_per_partner=args.events_per_partner, seed=args.seed
        )
    except ValueError as error:
        parser.error(str(error))
    except BrokenPipeError:  # e.g. `| head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if args.out is not None:
        size = args.out.stat().st_size
        summary = ", ".join(f"{value} {key}" for key, value in vars(counts).items())
        print(f"{args.out}: {size / 1e6:.1f} MB; {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
