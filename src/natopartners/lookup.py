"""Finding a record by any name: one resolver for countries, operations, terms and entries.

A code (``JP``, ``JPN``) is a code whole, compared with case ignored only: ``N/A`` is not
Namibia's ``NA``, nor ``x`` the start of Kosovo's ``XK``. A name is compared folded (case,
accents and punctuation ignored; "Korea, Republic of" read as "Republic of Korea", while
"Virgin Islands, British" stays in its order, where the comma inverts nothing), in tiers: an
exact name of any candidate first (as written, then with spaces dropped, "ntmi" ~ "NTM-I",
then with its words in any order), and only when nothing is named exactly, an unambiguous
prefix of at least three letters. A country is looked up among the countries the data holds
and every other country of ISO 3166-1 (by its codes, short, official and common names, from
``pycountry``), so a code or a name of one country can never find another: ``IS`` is Iceland,
never "Islamic Republic of Pakistan", ``Islamic Republic`` names several countries and so
does ``Virgin Islands``. ``pycountry`` is imported only when the data's own names do not
settle a question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher, get_close_matches
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeAlias, TypeVar, cast

from natopartners.errors import NotFoundError, shown

if TYPE_CHECKING:
    from natopartners.models import Country, Dataset, Operation, Partner, Term

T = TypeVar("T")

_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Case, accents and punctuation folded away ("Ban Ki-moon" ~ "ban ki moon"): what search
    compares, and the base of ``normalise``."""
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return " ".join(_NON_WORD.sub(" ", text.casefold().replace("_", " ")).split())
    return " ".join("".join(map(fold_char, text)).split())


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """What ``fold`` makes of one character before it collapses spaces: a space for one that
    is not part of a word, nothing for an accent, else the character without accents and case
    ("É" gives "e", "ß" gives "ss"). ``fold`` works the same on each character in turn."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.casefold().replace("_", " "))


def normalise(text: str) -> str:
    """Fold case, accents, punctuation, spaces: "Korea, Republic of" ~ "republic of korea";
    "Virgin Islands, British" ~ "virgin islands british" (no inversion to undo)."""
    head, comma, tail = text.partition(",")
    if comma and _inverted(tail):
        text = f"{tail} {head}"
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":  # "the Netherlands"; "the" alone is a word
        words = words[1:]
    return " ".join(words)


def _inverted(tail: str) -> bool:
    """Whether what follows a name's comma is the front of the name moved behind it, as ISO
    lists write "Korea, Republic of" and "Congo, The Democratic Republic of the"."""
    words = fold(tail).split()
    return bool(words) and (words[-1] == "of" or words[-2:] == ["of", "the"] or words == ["the"])


def _spaced(key: str) -> str:
    return key


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _unordered(key: str) -> str:
    return " ".join(sorted(key.split()))


# The exact tiers, then the prefix tiers (words in any order is no prefix).
_EXACT = (_spaced, _compact, _unordered)
_PREFIX = (_spaced, _compact)


class Named(Generic[T]):
    """A record as the resolver sees it: what kind it is, every name it answers to (the first
    is how messages name it) and its codes, folded (``keys``); a prefix is matched against the
    names only (``prefixes``): a code is a code whole, so ``x`` is not the start of ``XK``."""

    __slots__ = ("codes", "keys", "kind", "names", "record")

    def __init__(
        self, record: T, kind: str, names: tuple[str, ...], codes: tuple[str, ...] = ()
    ) -> None:
        self.record, self.kind, self.names = record, kind, names
        self.keys = _keys(names)
        self.codes = frozenset(code.casefold() for code in codes)

    def exactly(self, wanted: str, code: str) -> bool:
        """Whether the folded name ``wanted``, or the ``code`` (stripped and casefolded), is
        exactly one of this record's."""
        return wanted in self.keys or code in self.codes

    @property
    def label(self) -> str:
        return self.names[0]


def _keys(names: Iterable[str]) -> tuple[str, ...]:
    """The folded forms of ``names``: each in reading order, and one that an ISO list inverts
    also as written ("korea republic of"), so a prefix of either finds it."""
    keys = [normalise(name) for name in names]
    keys += [fold(name) for name in names if "," in name]
    return tuple(dict.fromkeys(key for key in keys if key))


def resolve(query: str, candidates: Sequence[Named[T]], what: str) -> T:
    """The one record ``query`` names among ``candidates`` (see the module's docstring).

    Raises NotFoundError naming the candidates when several match, or up to three close names
    when none does; ``what`` says what was looked for ("partner", "operation").
    """
    return _only(query, _matches(query, candidates), candidates, what).record


MIN_PREFIX = 3  # letters a prefix needs: "EL" or "IC" is no start of a name, but a code's look


def _matches(query: str, candidates: Sequence[Named[T]]) -> list[Named[T]]:
    """The candidates the first tier that finds any finds: a code, an exact name, a prefix."""
    code = query.strip().casefold()
    found = [named for named in candidates if code in named.codes]
    if found:
        return found
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError("no name given")
    tiers = [*((f, False) for f in _EXACT)]
    if len(_compact(wanted)) >= MIN_PREFIX:
        tiers += [(f, True) for f in _PREFIX]
    for fold_, prefix in tiers:
        target = fold_(wanted)
        found = [
            named
            for named in candidates
            if any(
                (fold_(key).startswith(target) if prefix else fold_(key) == target)
                for key in named.keys
            )
        ]
        if found:
            return found
    return []


def _only(
    query: str, matches: list[Named[T]], candidates: Sequence[Named[T]], what: str
) -> Named[T]:
    """The one match, or a NotFoundError: several (the candidates), none (close names)."""
    distinct = list({id(m.record): m for m in matches}.values())
    if len(distinct) == 1:
        return distinct[0]
    if distinct:
        labels = [m.label for m in distinct]
        raise NotFoundError(
            f"{shown(query)} could name more than one {what}", candidates=labels, query=query
        )
    by_key: dict[str, list[Named[T]]] = {}
    for named in candidates:
        for key in named.keys:
            by_key.setdefault(key, []).append(named)
    wanted = normalise(query)
    close = get_close_matches(wanted, list(by_key), n=6, cutoff=0.7)
    # Only the names about as close as the closest: "north koreaa" is North Korea misspelt,
    # and the Republic of Korea ("south korea") is no second guess at it.
    best = max((_ratio(wanted, key) for key in close), default=0.0)
    close = [key for key in close if _ratio(wanted, key) >= best - NEAR]
    suggestions = list(dict.fromkeys(n.label for key in close for n in by_key[key]))[:3]
    raise NotFoundError(f"no {what} matches {shown(query)}", suggestions=suggestions, query=query)


NEAR = 0.1  # how much less close than the closest name a suggestion may be


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


# --- Countries ------------------------------------------------------------------------------


class Unlisted(NamedTuple):
    """A country of ISO 3166-1 that the data holds no record of: none of the kinds it knows
    (an Ally, a partner of a regional framework, a partner across the globe, an applicant)."""

    id: str
    name: str
    official_name: str
    iso2: str
    iso3: str
    aliases: tuple[str, ...]


class _Iso(NamedTuple):
    """One entry of ISO 3166-1, as pycountry gives it."""

    alpha_2: str
    alpha_3: str
    name: str
    official_name: str | None
    common_name: str | None

    @property
    def names(self) -> tuple[str, ...]:
        found = (self.common_name, self.name, self.official_name)
        return tuple(dict.fromkeys(n for n in found if n))

    @property
    def codes(self) -> tuple[str, str]:
        return self.alpha_2, self.alpha_3

    @property
    def display_name(self) -> str:
        """The name to show: the common one ("Iran"), else the short one as it is read, or
        the official one where the short one's comma inverts nothing ("British Virgin
        Islands", not "Virgin Islands, British")."""
        if self.common_name:
            return self.common_name
        _, comma, tail = self.name.partition(", ")
        if comma and not _inverted(tail) and self.official_name:
            return _without_the(self.official_name)
        return reading_order(self.name)


@cache
def iso_countries() -> tuple[_Iso, ...]:
    """Every country of ISO 3166-1, read from pycountry (imported only now: it costs ~7 ms)."""
    import pycountry

    return tuple(
        _Iso(
            c.alpha_2,
            c.alpha_3,
            c.name,
            getattr(c, "official_name", None),
            getattr(c, "common_name", None),
        )
        for c in pycountry.countries
    )


def nation_names(nation: Partner | Country) -> tuple[str, ...]:
    """Every name the data gives a country, its id first; its codes are ``nation_codes``."""
    return (nation.id, nation.name, nation.official_name, *nation.aliases)


def nation_codes(nation: Partner | Country) -> tuple[str, ...]:
    return (nation.iso2, nation.iso3) if nation.iso3 else (nation.iso2,)


def _nation(nation: Partner | Country) -> Named[Partner | Country | Unlisted]:
    return Named(nation, "country", nation_names(nation), nation_codes(nation))


def _held(data: Dataset) -> list[Named[Partner | Country | Unlisted]]:
    return [_nation(n) for n in data.country_index.values()]


def _world(data: Dataset) -> tuple[Named[Partner | Country | Unlisted], ...]:
    """Every country: those the data holds, answering to their ISO names too, and the rest of
    ISO 3166-1 as ``Unlisted``."""
    by_code = {n.iso2: n for n in data.country_index.values()}
    world: list[Named[Partner | Country | Unlisted]] = []
    for iso in iso_countries():
        held = by_code.pop(iso.alpha_2, None)
        if held is not None:
            names = (*nation_names(held), *iso.names)
            world.append(Named(held, "country", names, (*nation_codes(held), *iso.codes)))
        else:
            name = iso.display_name
            official = _without_the(iso.official_name) if iso.official_name else name
            unlisted = Unlisted(
                _slug(name), name, official, iso.alpha_2, iso.alpha_3,
                tuple(n for n in iso.names if n not in (name, official)),
            )  # fmt: skip
            world.append(Named(unlisted, "country", (unlisted.id, *iso.names, name), iso.codes))
    # Countries the data holds under a code ISO does not assign (Kosovo, XK).
    world += [_nation(n) for n in by_code.values()]
    return tuple(world)


def reading_order(name: str) -> str:
    """An ISO short name as it is read: "Congo, The Democratic Republic of the" gives
    "Democratic Republic of the Congo"; "Bonaire, Sint Eustatius and Saba" stays as it is."""
    head, comma, tail = name.partition(", ")
    return _without_the(f"{tail} {head}") if comma and _inverted(tail) else name


def _without_the(name: str) -> str:
    """ "the State of Palestine" as a name on its own: "State of Palestine"."""
    first, _, rest = name.partition(" ")
    return rest if first.casefold() == "the" and rest else name


def _slug(name: str) -> str:
    return "-".join(fold(name).split())


def find_nation(data: Dataset, query: str) -> Partner | Country | Unlisted:
    """The country ``query`` names: one the data holds, by any of its names or codes, else
    any country of ISO 3166-1. Raises NotFoundError when it names none or several."""
    wanted, code = normalise(query), query.strip().casefold()
    exact = {id(n.record): n for n in _held(data) if n.exactly(wanted, code)}
    if len(exact) == 1:  # one of the data's own names, as written: ISO's are not needed
        return next(iter(exact.values())).record
    world = _world(data)
    return _only(query, _matches(query, world), world, "country").record


def operation_names(operation: Operation) -> tuple[str, ...]:
    """Every name an operation answers to; "Operation Joint Forge" also to "Joint Forge"."""
    acronym = (operation.acronym,) if operation.acronym else ()
    names = (operation.id, operation.name, *acronym, *operation.aliases)
    bare = tuple(name.split(" ", 1)[1] for name in names if name.startswith("Operation "))
    return names + bare


def term_names(term: Term) -> tuple[str, ...]:
    """Every name a term answers to, the id first: its name, acronym and other wordings (the
    IPCP is found with or without the "and" NATO's pages sometimes drop)."""
    return (term.id, term.name, *((term.acronym,) if term.acronym else ()), *term.aliases)


def find_operation(data: Dataset, query: str) -> Operation:
    named = [Named(o, "operation", operation_names(o)) for o in data.operations]
    return resolve(query, named, "operation")


def find_term(data: Dataset, query: str) -> Term:
    return resolve(query, [Named(t, "term", term_names(t)) for t in data.terms], "glossary term")


def programmes(data: Dataset) -> list[Term]:
    """The glossary terms that are some partner's programme (IPCP, ITPP, ...), in term order:
    what ``--programme`` accepts, where ``icc`` or ``nac`` name no programme."""
    used = {period.value for partner in data.partners for period in partner.programme}
    return [term for term in data.terms if term.id in used]


def find_programme(data: Dataset, query: str) -> Term:
    named = [Named(t, "term", term_names(t)) for t in programmes(data)]
    return resolve(query, named, "programme")


def regions(data: Dataset) -> list[str]:
    """The UN M49 regions and sub-regions of the countries the data holds, sorted."""
    return sorted({name for n in data.country_index.values() for name in (n.region, n.subregion)})


def find_region(data: Dataset, query: str) -> str:
    return resolve(query, [Named(r, "region", (r,)) for r in regions(data)], "region")


Record: TypeAlias = "Partner | Country | Unlisted | Operation | Term"


def _everything(data: Dataset) -> list[Named[Record]]:
    named = cast("list[Named[Record]]", list(_world(data)))
    named += [Named(o, "operation", operation_names(o)) for o in data.operations]
    named += [Named(t, "term", term_names(t)) for t in data.terms]
    return named


def find_record(data: Dataset, query: str) -> Record:
    """The one record of any kind ``query`` names: a country, an operation or a glossary term.
    Exact names of every kind come first, so a country's code (``JP``) is never taken for the
    start of another record's name; several records of more than one kind raise NotFoundError
    naming the kinds."""
    candidates = _everything(data)
    matches = _matches(query, candidates)
    kinds = sorted({m.kind for m in matches})
    if len(kinds) > 1:
        raise NotFoundError(
            f"{shown(query)} names more than one kind of record: {', '.join(kinds)}",
            candidates=list(dict.fromkeys(m.label for m in matches)),
            query=query,
        )
    return _only(query, matches, candidates, "country, operation or glossary term").record


def other_kinds(data: Dataset, query: str, kind: str) -> list[tuple[str, str]]:
    """The kinds of record other than ``kind`` that ``query`` names exactly, with the id of
    each: ``show isaf`` finds no country, but ``[("operation", "isaf")]``."""
    named = [n for n in _everything(data) if n.kind != kind]
    wanted, code = normalise(query), query.strip().casefold()
    found = {id(n.record): n for n in named if wanted and n.exactly(wanted, code)}
    return [(n.kind, n.names[0]) for n in found.values()]
