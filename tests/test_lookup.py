"""The one resolver: a code or a name of any country finds that country or nothing, never
another; exact names win over prefixes, in every command and in the Python API."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import natopartners
from natopartners import lookup
from natopartners.errors import NotFoundError
from natopartners.loading import bundled_dataset
from tests.conftest import Invoke, json_of

DATA = natopartners.load()
ISO = list(pycountry.countries)


def _names(country: object) -> set[str]:
    found = {getattr(country, key, None) for key in ("alpha_2", "alpha_3", "name")}
    found |= {getattr(country, key, None) for key in ("official_name", "common_name")}
    return {name for name in found if name}


@pytest.mark.parametrize("country", ISO, ids=[c.alpha_2 for c in ISO])
def test_every_iso_code_and_name_finds_its_own_country(country: object) -> None:
    code = getattr(country, "alpha_2")  # noqa: B009 - pycountry's records are untyped
    for name in _names(country):
        for spelling in (name, name.upper(), name.lower()):
            assert DATA.partner(spelling)["iso2"] == code, spelling


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("IS", "Iceland"),
        ("ISL", "Iceland"),
        ("IR", "Iran"),
        ("SI", "Slovenia"),
        ("NE", "Niger"),
        ("PA", "Panama"),
        ("MA", "Morocco"),
        ("MO", "Macao"),
        ("CH", "Switzerland"),
    ],
)
def test_the_codes_that_found_another_country_find_their_own(
    invoke: Invoke, code: str, name: str
) -> None:
    assert json_of(invoke, "show", code)["name"] == name
    assert json_of(invoke, "timeline", "--partner", code) == [] or name == "Switzerland"


def test_cite_takes_a_code_of_a_partner_before_a_prefix_of_a_term(invoke: Invoke) -> None:
    japan = invoke("cite", "JP")
    assert japan.exit_code == 0, japan.stderr
    assert japan.stdout == invoke("cite", "japan").stdout
    slovenia = invoke("cite", "SI")
    assert slovenia.exit_code == 0, slovenia.stderr
    assert "@misc{" in slovenia.stdout  # the lists that say what Slovenia is to NATO


def _folded_names(code: str) -> set[str]:
    country = pycountry.countries.get(alpha_2=code)
    names = _names(country) if country else set()
    held = next((n for n in bundled_dataset().country_index.values() if n.iso2 == code), None)
    if held is not None:
        names |= {*lookup.nation_names(held), *lookup.nation_codes(held)}
    return {
        key
        for name in names
        for key in (lookup.normalise(name), lookup.normalise(name).replace(" ", ""))
    }


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ISO), st.integers(min_value=2, max_value=12), st.booleans())
def test_a_prefix_finds_a_country_it_begins_or_nothing(
    country: object, length: int, official: bool
) -> None:
    name = getattr(country, "official_name", None) if official else None
    name = name or getattr(country, "name")  # noqa: B009
    prefix = lookup.normalise(name)[:length]
    try:
        found = DATA.partner(prefix)
    except NotFoundError:
        return  # several countries begin so, or none: a clear refusal
    keys = _folded_names(found["iso2"])
    assert any(key.startswith((prefix, prefix.replace(" ", ""))) for key in keys)


@pytest.mark.parametrize("code", [*"abcdefghijklmnopqrstuvwxyz", "ja", "ko"])
def test_a_code_is_matched_whole_never_by_its_start(code: str) -> None:
    """A short query that begins a code but is none finds only a country whose name it begins:
    ``x`` is not Kosovo (XK), ``ja`` is not Japan (JP, JPN) alone."""
    try:
        found = DATA.partner(code)
    except NotFoundError:
        return
    names = {lookup.normalise(n) for n in _names_of(found["iso2"])}
    assert any(name.startswith(code) for name in names), (code, found["id"])


def _names_of(code: str) -> set[str]:
    """A country's names, not its codes."""
    country = pycountry.countries.get(alpha_2=code)
    held = next((n for n in bundled_dataset().country_index.values() if n.iso2 == code), None)
    found = {getattr(country, key, None) for key in ("name", "official_name", "common_name")}
    found |= set(lookup.nation_names(held) if held else ())
    return {name for name in found if name}


def test_kosovo_answers_to_its_code_and_name_only() -> None:
    assert DATA.partner("XK")["id"] == DATA.partner("kosovo")["id"] == "kosovo"
    with pytest.raises(NotFoundError):
        DATA.partner("x")


def test_north_korea_is_its_own_country_and_never_the_republic() -> None:
    for name in ("north korea", "DPRK", "KP", "PRK", "Democratic People's Republic of Korea"):
        found = DATA.partner(name)
        assert (found["iso2"], found["id"]) == ("KP", "north-korea")
    with pytest.raises(NotFoundError) as caught:
        DATA.partner("north koreaa")
    assert "korea" not in caught.value.suggestions


def test_an_exact_name_wins_over_a_longer_name_it_begins() -> None:
    assert DATA.partner("Niger")["iso2"] == "NE"  # not Nigeria
    assert DATA.partner("Guinea")["iso2"] == "GN"  # not Guinea-Bissau or Papua New Guinea
    assert DATA.partner("Dominica")["iso2"] == "DM"  # not the Dominican Republic
    with pytest.raises(NotFoundError, match="more than one country"):
        DATA.partner("Islamic Republic")  # of Iran, of Pakistan, of Afghanistan, ...


def test_the_data_s_own_names_are_no_other_country_s_iso_name() -> None:
    """The data's names settle a lookup without ISO's: none may be another country's."""
    clashes = []
    for nation in bundled_dataset().country_index.values():
        for name in (*lookup.nation_names(nation), *lookup.nation_codes(nation)):
            for country in ISO:
                if country.alpha_2 != nation.iso2 and lookup.normalise(name) in {
                    lookup.normalise(n) for n in _names(country)
                }:
                    clashes.append((nation.id, name, country.alpha_2))
    assert clashes == []


@pytest.mark.parametrize("query", ["N/A", "n.a.", "%s%n", "E.L.", "EA", "IC", "CP", "EL", "DN"])
def test_what_only_looks_like_a_code_finds_nothing(query: str) -> None:
    """A code is matched whole, with its punctuation: "N/A" is not Namibia (NA); and two
    letters that are no assigned code are not taken for the start of a name (EL, the EU's
    code for Greece, is not El Salvador)."""
    with pytest.raises(NotFoundError):
        DATA.partner(query)


@pytest.mark.parametrize(
    ("query", "candidates"),
    [
        ("Virgin Islands", {"VG", "VI"}),
        ("Kore", {"KR", "KP"}),
        ("Pal", {"PW", "PS"}),
    ],
)
def test_a_prefix_of_two_countries_as_iso_writes_them_names_both(
    query: str, candidates: set[str]
) -> None:
    """ "Virgin Islands, British" begins with "Virgin Islands" as ISO writes it, so "Virgin
    Islands" is not the U.S. one alone; "Kore" begins both Koreas' ISO names."""
    with pytest.raises(NotFoundError, match="more than one country") as caught:
        DATA.partner(query)
    found = {DATA.partner(name)["iso2"] for name in caught.value.candidates}
    assert found == candidates


@pytest.mark.parametrize(
    ("code", "name", "official"),
    [
        ("BQ", "Bonaire, Sint Eustatius and Saba", "Bonaire, Sint Eustatius and Saba"),
        ("SH", "Saint Helena, Ascension and Tristan da Cunha", None),
        ("CD", "Democratic Republic of the Congo", None),
        ("PS", "State of Palestine", "State of Palestine"),
        ("VG", "British Virgin Islands", "British Virgin Islands"),
        ("BO", "Bolivia", "Plurinational State of Bolivia"),
    ],
)
def test_a_country_of_iso_alone_is_named_as_it_is_read(
    code: str, name: str, official: str | None
) -> None:
    """Reordered only where ISO's comma inverts the name: no "Sint Eustatius and Saba
    Bonaire", no "the State of Palestine"."""
    found = DATA.partner(code)
    assert found["name"] == name
    assert found["official_name"] == (official or name)
    assert DATA.partner(name)["iso2"] == code


def test_a_name_iso_writes_inverted_is_found_either_way() -> None:
    assert DATA.partner("Palestine")["iso2"] == "PS"  # "Palestine, State of"
    assert DATA.partner("Micronesia")["iso2"] == "FM"
    assert DATA.partner("Congo, The Democratic Republic of the")["iso2"] == "CD"
    assert DATA.partner("Korea, Democratic People's Republic of")["iso2"] == "KP"
