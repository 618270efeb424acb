"""Lookup by any name, filters and the timeline, over the bundled data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import natopartners
from natopartners import lookup, queries
from natopartners.errors import NotFoundError, UsageError
from natopartners.loading import bundled_dataset
from natopartners.models import Dataset, Partner


def find_partner(data: Dataset, query: str) -> Partner:
    """The one resolver, over the partners alone: how it ranks and refuses among few names."""
    named = [
        lookup.Named(p, "country", lookup.nation_names(p), lookup.nation_codes(p))
        for p in data.partners
    ]
    return lookup.resolve(query, named, "partner")


SPELLINGS = [
    ("japan", "japan"),
    ("JAPAN", "japan"),
    ("JP", "japan"),
    ("jpn", "japan"),
    ("Japan", "japan"),
    ("Republic of Korea", "korea"),
    ("Korea, Republic of", "korea"),
    ("the Republic of Korea", "korea"),
    ("south korea", "korea"),
    ("South-Korea", "korea"),
    ("ROK", "korea"),
    ("KOR", "korea"),
    ("kr", "korea"),
    ("new zealand", "new-zealand"),
    ("new-zealand", "new-zealand"),
    ("New_Zealand", "new-zealand"),
    ("  New   Zealand ", "new-zealand"),
    ("NZ", "new-zealand"),
    ("nzl", "new-zealand"),
    ("aotearoa", "new-zealand"),
    ("Commonwealth of Australia", "australia"),
    ("Islamic Republic of Pakistan", "pakistan"),
    ("PRC", "china"),
    ("People's Republic of China", "china"),
    ("Argentine Republic", "argentina"),
    ("mongol", "mongolia"),
    ("sing", "singapore"),
    ("afgh", "afghanistan"),
    ("Colómbia", "colombia"),
    ("korea republic of", "korea"),
    ("Korea (Republic of)", "korea"),
    ("zealand new", "new-zealand"),
    ("newzealand", "new-zealand"),
]


@pytest.mark.parametrize(("query", "expected"), SPELLINGS)
def test_a_partner_answers_to_many_spellings(data: Dataset, query: str, expected: str) -> None:
    assert find_partner(data, query).id == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ntmi", "ntm-i"),
        ("NTM-I", "ntm-i"),
        ("resolute support mission", "resolute-support"),
        ("mission resolute support", "resolute-support"),
        ("Resolute Support", "resolute-support"),
        ("rsm", "resolute-support"),
        ("kfor", "kfor"),
        ("Sea Guardian", "sea-guardian"),
        ("Operation Joint Guardian", "kfor"),
        ("joint forge", "sfor"),
    ],
)
def test_an_operation_answers_to_its_id_acronym_and_name(
    data: Dataset, query: str, expected: str
) -> None:
    assert lookup.find_operation(data, query).id == expected


def test_an_ambiguous_prefix_lists_the_candidates(data: Dataset) -> None:
    with pytest.raises(NotFoundError, match="more than one partner") as caught:
        find_partner(data, "chi")
    assert caught.value.hints == ["candidates: chile, china"]
    with pytest.raises(NotFoundError, match="no partner matches 'ch'"):
        find_partner(data, "ch")  # two letters are a code's look, not the start of a name


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("japn", "japan"), ("austrlia", "australia"), ("mongolai", "mongolia"), ("chilee", "chile")],
)
def test_a_typo_gets_did_you_mean(data: Dataset, typo: str, suggestion: str) -> None:
    with pytest.raises(NotFoundError, match=f"no partner matches '{typo}'") as caught:
        find_partner(data, typo)
    (hint,) = caught.value.hints
    assert hint.startswith("did you mean: ") and suggestion in hint


@pytest.mark.parametrize("query", ["zzzzzz", "usa", "dprk"])
def test_a_name_unlike_any_gets_no_suggestion(data: Dataset, query: str) -> None:
    with pytest.raises(NotFoundError) as caught:
        find_partner(data, query)
    assert caught.value.hints == []


@pytest.mark.parametrize("blank", ["", "   ", "---"])
def test_an_empty_name_is_not_a_prefix_of_everything(data: Dataset, blank: str) -> None:
    with pytest.raises(NotFoundError, match="no name given"):
        find_partner(data, blank)
    said = "this one is empty" if not blank.strip() else "'---' has no letter or digit"
    with pytest.raises(UsageError, match=f"give a name, id or code; {said}"):
        natopartners.load().partner(blank)


_NAMES = [
    (name, p.id)
    for p in bundled_dataset().partners
    for name in (*lookup.nation_names(p), *lookup.nation_codes(p))
]


@given(
    st.sampled_from(_NAMES),
    st.lists(st.booleans(), min_size=40, max_size=40),
    st.sampled_from([" ", "  ", "-", "_", ". "]),
)
def test_case_and_spacing_never_change_the_answer(
    pair: tuple[str, str], upper: list[bool], gap: str
) -> None:
    name, expected = pair
    varied = "".join(c.upper() if u else c.lower() for c, u in zip(name, upper * 4, strict=False))
    varied = f" {gap.join(varied.split())} "
    assert find_partner(bundled_dataset(), varied).id == expected


@given(st.text(max_size=30))
def test_lookup_either_answers_or_raises_not_found(text: str) -> None:
    try:
        partner = find_partner(bundled_dataset(), text)
    except NotFoundError as error:
        assert str(error)
    else:
        assert partner in bundled_dataset().partners


def _ids(rows: list[natopartners.rows.PartnerRow]) -> list[str]:
    return [row["id"] for row in rows]


def test_filters_combine() -> None:
    data = natopartners.load()
    found = data.partners(region="oceania", relationship="global-partner")
    assert _ids(found) == ["australia", "new-zealand"]
    assert _ids(data.partners(region="Eastern Asia", operation="ISAF")) == ["korea", "mongolia"]
    assert _ids(data.on("2023").partners(programme="IPCP")) == ["iraq", "mongolia", "new-zealand"]
    assert _ids(data.partners(programme="IPCP")) == ["iraq"]  # New Zealand's ITPP of 2024
    assert len(data.on("2017-05-19").partners(programme="ipcp")) == 7
    found = data.partners(region="Latin America and the Caribbean")
    assert _ids(found) == ["colombia", "argentina", "chile"]


def test_an_unknown_operation_filter_is_a_lookup_error() -> None:
    with pytest.raises(NotFoundError, match="no operation matches 'isfa'"):
        natopartners.load().partners(operation="isfa")


def test_timeline_is_in_date_order(data: Dataset) -> None:
    entries = queries.timeline(data)
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_timeline_filters() -> None:
    data = natopartners.load()

    def ids(
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        partner: str | None = None,
        operation: str | None = None,
    ) -> list[str]:
        rows = data.timeline(
            since=since, until=until, kind=kind, partner=partner, operation=operation
        )
        return [row["id"] for row in rows]

    assert ids(since="2006", until="2008", kind="summit") == [
        "riga-summit-2006",
        "bucharest-summit-2008",
    ]
    assert ids(until="1995")[:2] == ["exercise-coronet-1953", "ad-hoc-dialogue-1990s"]
    assert "ad-hoc-dialogue-1990s" in ids(since="1995", until="1995")  # a decade overlaps 1995
    assert ids(partner="Argentine Republic") == [
        "us-mnna-argentina-1998",
        "argentina-relationship-1-start",
        "argentina-contribution-2",
        "argentina-application-2024",  # it tells the applicant relationship's start too
    ]
    isaf = ids(operation="isaf")
    assert {"isaf-start", "lisbon-pmf-review-2010", "isaf-end"} <= set(isaf)
    assert ids(since="2027") == []
    # Months and days narrow it further: the Madrid summit of 29 June 2022, not April's ministerial.
    assert "madrid-summit-2022" in ids(since="2022-06", until="2022-06-30")
    assert "foreign-ministers-2022-04" not in ids(since="2022-06", until="2022-06-30")
