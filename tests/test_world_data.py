"""Pinned facts of the rest of the world in the bundled data ([[countries]]): NATO's Allies,
the partners of its regional frameworks and the countries often taken for partners, as the
world-facts sheet sources them, no more, in our own words."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from natopartners import queries
from natopartners.models import (
    Country,
    Dataset,
    PartialDate,
    Partner,
    RelationshipPeriod,
    Sourced,
)
from tests.conftest import Invoke

WORLD_FACTS = Path(__file__).resolve().parents[2] / "shared" / "sources" / "world-facts.md"

FOUNDERS = [
    "belgium",
    "canada",
    "denmark",
    "france",
    "iceland",
    "italy",
    "luxembourg",
    "netherlands",
    "norway",
    "portugal",
    "united-kingdom",
    "united-states",
]
LATER_ALLIES = [
    "greece",
    "turkiye",
    "germany",
    "spain",
    "czechia",
    "hungary",
    "poland",
    "bulgaria",
    "estonia",
    "latvia",
    "lithuania",
    "romania",
    "slovakia",
    "slovenia",
    "albania",
    "croatia",
    "montenegro",
    "north-macedonia",
    "finland",
    "sweden",
]
EURO_ATLANTIC = [
    "armenia",
    "austria",
    "azerbaijan",
    "belarus",
    "bosnia-and-herzegovina",
    "georgia",
    "ireland",
    "kazakhstan",
    "kyrgyzstan",
    "malta",
    "moldova",
    "russia",
    "serbia",
    "switzerland",
    "tajikistan",
    "turkmenistan",
    "ukraine",
    "uzbekistan",
]
SUSPENDED = ["belarus", "russia"]
MEDITERRANEAN = ["algeria", "egypt", "israel", "jordan", "mauritania", "morocco", "tunisia"]
ISTANBUL = ["bahrain", "kuwait", "qatar", "united-arab-emirates"]
NONE_OF_THESE = [
    "brazil",
    "cyprus",
    "libya",
    "north-korea",
    "oman",
    "philippines",
    "saudi-arabia",
    "taiwan",
    "thailand",
]  # and Kosovo, once the model reads a record without iso3 (see test_kosovo_has_no_iso3)

# UN M49 regions and their sub-regions, as the data spells them.
M49 = {
    "Africa": {"Northern Africa", "Sub-Saharan Africa"},
    "Americas": {"Latin America and the Caribbean", "Northern America"},
    "Asia": {"Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"},
    "Europe": {"Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"},
    "Oceania": {"Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"},
}


def _day(text: str) -> dt.date:
    return PartialDate.parse(text).last


def _now(data: Dataset, value: str, on: str) -> list[str]:
    """The countries whose relationship in force on ``on`` is ``value``."""
    day = _day(on)
    found = []
    for country in data.countries:
        period = queries.current(country.relationship, day)
        if period is not None and period.value == value:
            found.append(country.id)
    return sorted(found)


def _standing_suspended(country: Partner | Country, on: dt.date) -> RelationshipPeriod | None:
    """The period a country's relationship stands suspended in on ``on``: one that ended with
    ``suspended = true`` by then, with no later period begun. NATO counts such a partner among
    its partners (Russia and Belarus among the 18), while the data's ``current`` has nothing in
    force."""
    if queries.current(country.relationship, on) is not None:
        return None
    ended = [p for p in country.relationship if p.until is not None and p.until.last < on]
    last = max(ended, key=lambda p: p.until.last if p.until else dt.date.min, default=None)
    return last if last is not None and last.suspended else None


def _counted_as(data: Dataset, value: str, on: str) -> tuple[list[str], list[str]]:
    """(in force, suspended): how NATO counts a framework's partners on ``on``."""
    day = _day(on)
    suspended = sorted(
        c.id
        for c in data.countries
        if (p := _standing_suspended(c, day)) is not None and p.value == value
    )
    return _now(data, value, on), suspended


# ---------------------------------------------------------------- Allies


def test_thirty_two_allies_from_sweden_s_accession(data: Dataset) -> None:
    assert _now(data, "ally", "2024-03-07") == sorted(FOUNDERS + LATER_ALLIES)
    assert len(_now(data, "ally", "2024-03-07")) == 32
    assert len(_now(data, "ally", "2024-03-06")) == 31
    assert "sweden" not in _now(data, "ally", "2024-03-06")
    assert len(_now(data, "ally", "2023-04-04")) == 31
    assert len(_now(data, "ally", "2023-04-03")) == 30
    assert len(_now(data, "ally", "1949-04-04")) == 12
    assert len(_now(data, "ally", "1949-04-03")) == 0


def test_the_founders_count_from_the_signature(data: Dataset) -> None:
    founders = sorted(
        c.id
        for c in data.countries
        if c.relationship and str(c.relationship[0].since) == "1949-04-04"
    )
    assert founders == sorted(FOUNDERS)


def test_accession_dates_are_as_precise_as_the_sources(data: Dataset) -> None:
    first_ally = {
        c.id: str(next(p.since for p in c.relationship if p.value == "ally"))
        for c in data.countries
        if any(p.value == "ally" for p in c.relationship)
    }
    assert first_ally["greece"] == "1952-02-18"
    # The day rests on weak pages only for these three: the month is kept.
    assert first_ally["turkiye"] == "1952-02"
    assert first_ally["spain"] == "1982-05"
    assert first_ally["germany"] == "1955-05"
    assert first_ally["czechia"] == first_ally["poland"] == "1999-03-12"
    assert {first_ally[c] for c in ("bulgaria", "estonia", "slovenia")} == {"2004-03-29"}
    assert first_ally["albania"] == first_ally["croatia"] == "2009-04-01"
    assert first_ally["montenegro"] == "2017-06-05"
    assert first_ally["north-macedonia"] == "2020-03-27"
    assert first_ally["finland"] == "2023-04-04"
    assert first_ally["sweden"] == "2024-03-07"


def test_finland_and_sweden_were_partners_before_they_joined(data: Dataset) -> None:
    finland, sweden = data.country_index["finland"], data.country_index["sweden"]
    on = _day("2022-12-31")
    assert "finland" not in _now(data, "ally", "2022-12-31")
    period = queries.current(finland.relationship, on)
    assert period is not None and period.value == "euro-atlantic-partner"
    assert period.since is None and str(period.attested) == "2020-06-12"  # start not sourced
    period = queries.current(sweden.relationship, on)
    assert period is not None and (period.value, str(period.since)) == (
        "euro-atlantic-partner",
        "1994",
    )
    assert [p.value for p in sweden.relationship] == ["euro-atlantic-partner", "ally"]


# ---------------------------------------------------------------- regional frameworks


def test_eighteen_euro_atlantic_partners_two_of_them_suspended(data: Dataset) -> None:
    """NATO's 2024 pages count 18 EAPC/PfP partners, Russia and Belarus among them with their
    partnerships suspended. The data ends those two periods with ``suspended = true``, so on a
    2024 day 16 are in force and the two stand suspended: 18 as NATO counts them."""
    in_force, suspended = _counted_as(data, "euro-atlantic-partner", "2024-08-06")
    assert suspended == SUSPENDED
    assert len(in_force) == 16
    assert sorted(in_force + suspended) == EURO_ATLANTIC


def test_the_suspensions_are_dated_as_the_sources_date_them(data: Dataset) -> None:
    russia, belarus = data.country_index["russia"], data.country_index["belarus"]
    assert [(str(p.since), str(p.until), p.suspended) for p in russia.relationship] == [
        ("1994", "2014-04", True)
    ]
    assert [(str(p.since), str(p.until), p.suspended) for p in belarus.relationship] == [
        ("1995", "2021-11", True)
    ]
    assert "russia" in _now(data, "euro-atlantic-partner", "2014-03-31")
    assert "russia" not in _now(data, "euro-atlantic-partner", "2014-05-01")
    assert "belarus" in _now(data, "euro-atlantic-partner", "2021-10-31")


def test_malta_suspended_its_participation_and_came_back(data: Dataset) -> None:
    malta = data.country_index["malta"]
    assert [(str(p.since), str(p.until), p.suspended) for p in malta.relationship] == [
        ("1995-04", "1996-10", True),
        ("2008-04-03", "None", False),
    ]
    assert "malta" in _now(data, "euro-atlantic-partner", "1996-01-01")
    assert "malta" not in _now(data, "euro-atlantic-partner", "2000-01-01")
    assert _standing_suspended(malta, _day("2000-01-01")) is not None
    assert "malta" in _now(data, "euro-atlantic-partner", "2008-04-03")


def test_seven_mediterranean_dialogue_partners(data: Dataset) -> None:
    assert _now(data, "mediterranean-dialogue", "2024-08-23") == MEDITERRANEAN
    assert _now(data, "mediterranean-dialogue", "1995-02-28") == [
        "egypt",
        "israel",
        "mauritania",
        "morocco",
        "tunisia",
    ]
    assert "algeria" in _now(data, "mediterranean-dialogue", "2000-03-31")


def test_four_istanbul_cooperation_initiative_partners(data: Dataset) -> None:
    assert _now(data, "istanbul-cooperation-initiative", "2019-12-05") == ISTANBUL
    kuwait = data.country_index["kuwait"]
    assert str(kuwait.relationship[0].since) == "2005-01/2005-03"  # NATO's "first three months"
    assert str(data.country_index["united-arab-emirates"].relationship[0].since) == "2005-06-22"


def test_the_disagreeing_dates_are_kept_as_disputes(data: Dataset) -> None:
    disputes = {(d.record, d.field, d.value) for d in data.disputes}
    assert (
        "countries.kuwait",
        "relationship",
        "istanbul-cooperation-initiative from 2004-12",
    ) in disputes
    assert ("countries.uzbekistan", "relationship", "euro-atlantic-partner from 1995") in disputes
    assert str(data.country_index["uzbekistan"].relationship[0].since) == "1994"
    assert str(data.country_index["kazakhstan"].relationship[0].since) == "1995"


def test_countries_often_taken_for_partners_are_none_of_these(data: Dataset) -> None:
    none = sorted(c.id for c in data.countries if not c.relationship)
    assert [c for c in NONE_OF_THESE if c not in none] == []
    assert data.country_index["oman"].relationship == ()
    assert data.country_index["saudi-arabia"].relationship == ()
    # A US "major non-NATO ally" is said to be a US status, not a NATO one.
    for ident in ("brazil", "israel", "philippines", "thailand", "jordan", "kuwait"):
        country = data.country_index[ident]
        assert "major non-NATO ally" in country.summary or "major non-NATO allies" in (
            country.summary
        ), ident
        assert {"cfr-mnna"} & {c.source for c in country.sources} or ident == "brazil", ident


def test_the_partners_across_the_globe_are_not_repeated_here(data: Dataset) -> None:
    assert {c.id for c in data.countries} & set(data.partner_index) == set()
    assert len(data.countries) == 32 + 18 + 7 + 4 + len(NONE_OF_THESE) + (
        "kosovo" in data.country_index
    )


def test_kosovo_has_no_iso3(data: Dataset) -> None:
    kosovo = data.country_index.get("kosovo")
    if kosovo is None:
        pytest.skip("Kosovo's record waits for Country.iso3 to default to None")
    assert (kosovo.iso2, kosovo.iso3, kosovo.relationship) == ("XK", None, ())


def test_the_lists_the_countries_are_complete_against(data: Dataset) -> None:
    lists = [c.source for c in data.dataset.lists]
    assert lists == ["enlarge24", "eapc24", "md24", "ici19", "glob24b", "partnerships24"]
    newest = max(
        (data.source_index[s].updated or data.source_index[s].published for s in lists),
        key=lambda d: d.last if d else dt.date.min,
    )
    assert str(newest) == "2024-10-03"


# ---------------------------------------------------------------- sources and codes


def _records(data: Dataset) -> list[Sourced]:
    records: list[Sourced] = [*data.countries]
    for country in data.countries:
        records += country.relationship
    records += [d for d in data.disputes if d.record.startswith("countries.")]
    return records


def test_every_country_cites_a_known_source(data: Dataset) -> None:
    for record in _records(data):
        assert record.sources
        assert {c.source for c in record.sources} <= set(data.source_index)


def test_no_country_fact_rests_on_weak_sources_alone(data: Dataset) -> None:
    weak_only = [
        record
        for record in _records(data)
        if all(data.source_index[c.source].grade == "W" for c in record.sources)
    ]
    assert weak_only == []


def test_every_source_is_cited_counting_the_countries(data: Dataset) -> None:
    cited = {c.source for r in queries._sourced_records(data) for c in r.sources}
    cited |= {c.source for r in _records(data) for c in r.sources}
    cited |= {c.source for c in data.dataset.lists}
    assert [s.id for s in data.sources if s.id not in cited] == []


def test_codes_are_unique_across_partners_and_countries(data: Dataset) -> None:
    nations: list[Partner | Country] = [*data.partners, *data.countries]
    for codes in ([n.iso2 for n in nations], [n.iso3 for n in nations if n.iso3]):
        assert len(codes) == len(set(codes))
    names = [
        name.casefold()
        for n in nations
        for name in (n.id, n.name, n.official_name, *n.aliases, n.iso2, n.iso3 or "")
        if name
    ]
    per_nation = [
        {
            name.casefold()
            for name in (n.id, n.name, n.official_name, *n.aliases, n.iso2, n.iso3 or "")
        }
        for n in nations
    ]
    assert sum(len(s - {""}) for s in per_nation) == len(set(names))  # no name is two nations'


def test_iso_codes_are_real() -> None:
    pycountry = pytest.importorskip("pycountry")
    from natopartners.loading import bundled_dataset

    wrong = []
    for nation in bundled_dataset().country_index.values():
        if nation.iso2 == "XK":  # Kosovo: user-assigned, not in ISO 3166-1
            assert nation.id == "kosovo" and nation.iso3 is None
            continue
        found = pycountry.countries.get(alpha_2=nation.iso2)
        if found is None or found.alpha_3 != nation.iso3:
            wrong.append((nation.id, nation.iso2, nation.iso3, found and found.alpha_3))
    assert wrong == []


def test_regions_are_un_m49(data: Dataset) -> None:
    wrong = [
        (c.id, c.region, c.subregion)
        for c in data.countries
        if c.subregion not in M49.get(c.region, set())
    ]
    assert wrong == []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not WORLD_FACTS.exists(), reason="the shared sources are not beside the repo")
def test_no_summary_copies_world_facts(data: Dataset) -> None:
    """Own words: no eight-word run of the world-facts sheet (its facts and quotes) reappears
    in a country's summary, a period's note or a dispute, unless it is mostly proper names."""
    words = _words(WORLD_FACTS.read_text(encoding="utf-8"))
    runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    names = {"the", "and", "of", "a", "in"}
    for nation in [*data.partners, *data.countries]:
        names.update(_words(nation.name))
    texts = [getattr(r, "summary", None) or "" for r in _records(data)]
    texts += [getattr(r, "note", None) or "" for r in _records(data)]
    copied = [
        " ".join(run)
        for text in texts
        for words_ in [_words(text)]
        for run in (tuple(words_[i : i + 8]) for i in range(len(words_) - 7))
        if run in runs and len(set(run) - names) >= 3
    ]
    assert copied == []


def test_summaries_are_short(data: Dataset) -> None:
    """Two or three sentences at most: the rest of the world is answered briefly."""
    long = [c.id for c in data.countries if len(re.findall(r"[.!?](?:\s|$)", c.summary)) > 3]
    assert long == []


def test_before_the_first_source_that_attests_it_a_relationship_is_unknown_not_none(
    invoke: Invoke,
) -> None:
    """Finland's partnership has no dated start; the earliest source naming it is of
    2020-06-12: before that day the sheet says what the data cannot tell, not "none"."""
    result = invoke("--as-of", "2015", "show", "finland", "--format", "text")
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("Relationship:"))
    assert line.startswith("Relationship: none known before 2020-06-12: no source gives a start")
    assert "not a NATO Ally" not in line


def test_a_listing_by_relationship_says_which_partnerships_stand_suspended(
    invoke: Invoke,
) -> None:
    """NATO counts 18 EAPC/PfP partners, Russia and Belarus among them, suspended: the list
    of the 16 in force says why two are missing, in every format."""
    result = invoke("list", "--relationship", "euro-atlantic-partner", "--json")
    assert result.exit_code == 0
    assert "russia" not in result.stdout
    assert "suspended: Belarus (since 2021-11), Russia (since 2014-04)" in result.stderr
    earlier = invoke("--as-of", "2000", "list", "--relationship", "euro-atlantic-partner")
    assert "suspended: Malta (since 1996-10)" in earlier.stderr
    assert "suspended" not in invoke("list", "--relationship", "ally").stderr


@pytest.mark.parametrize(
    ("country", "as_of", "since"),
    [
        ("montenegro", "2010", "2017-06-05"),
        ("poland", "1998", "1999-03-12"),
        ("france", "1948", "1949-04-04"),
    ],
)
def test_before_a_countrys_record_begins_nothing_is_claimed(
    invoke: Invoke, country: str, as_of: str, since: str
) -> None:
    # An Ally is recorded from its accession: its Partnership for Peace before is not in the
    # data, so "none" would say more than the data knows.
    result = invoke("--as-of", as_of, "show", country, "--format", "text")
    assert result.exit_code == 0, result.output
    line = next(li for li in result.stdout.splitlines() if li.startswith("Relationship:"))
    assert line.startswith(f"Relationship: none recorded before {since}: ")
    assert "not a NATO Ally" not in line


def test_a_listing_says_whom_it_cannot_place_on_an_earlier_day(invoke: Invoke) -> None:
    result = invoke("--as-of", "1998", "list", "-r", "euro-atlantic-partner", "--json")
    assert result.exit_code == 0
    listed = {row["id"] for row in json.loads(result.stdout)}
    assert "poland" not in listed
    assert "Poland (an Ally from 1999-03-12)" in result.stderr
    assert "Finland (attested from 2020-06-12)" in result.stderr
    allies = invoke("--as-of", "1998", "list", "-r", "ally", "--json")
    assert "not known" not in allies.stderr  # every accession is recorded
    today = invoke("list", "-r", "euro-atlantic-partner", "--json")
    assert "not known" not in today.stderr
