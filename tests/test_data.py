"""Pinned facts of the bundled dataset: what the 2017 page says, no more, in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from natopartners import queries
from natopartners.models import Dataset, Operation, Partner, Sourced, Term

GLOBAL_PARTNERS = [
    "afghanistan",
    "australia",
    "colombia",
    "iraq",
    "japan",
    "korea",
    "mongolia",
    "new-zealand",
    "pakistan",
]
CONSULTED = ["china", "india", "singapore", "indonesia", "malaysia"]
OPERATION_CONTRIBUTORS = ["argentina", "chile"]

SOURCE_2017 = (
    Path(__file__).resolve().parents[2]
    / "shared/sources/nato-relations-with-partners-across-the-globe-2017-05-19.txt"
)


def _ids_with(data: Dataset, relationship: str) -> list[str]:
    return [p.id for p in queries.filter_partners(data, relationship_is=relationship)]


def test_the_nine_global_partners_five_consulted_and_two_contributors(data: Dataset) -> None:
    assert _ids_with(data, "global-partner") == GLOBAL_PARTNERS
    assert _ids_with(data, "consulted") == CONSULTED
    assert _ids_with(data, "operation-contributor") == OPERATION_CONTRIBUTORS
    assert len(data.partners) == 16


def test_the_dataset_is_the_2017_page(data: Dataset) -> None:
    assert str(data.dataset.as_of) == "2017-05-19"
    (source,) = data.sources
    assert (source.id, source.publisher, source.url, str(source.updated), source.grade) == (
        "glob17",
        "NATO",
        "https://www.nato.int/cps/en/natohq/topics_49188.htm",
        "2017-05-19",
        "N",
    )


def test_only_the_named_partners_contributed_to_isaf(data: Dataset) -> None:
    # "a number of global partners such as Australia, the Republic of Korea and New Zealand"
    assert [p.id for p in queries.filter_partners(data, operation="isaf")] == [
        "australia",
        "korea",
        "new-zealand",
    ]
    # "Many continue ..." names no partner, so nobody is tied to Resolute Support.
    assert queries.filter_partners(data, operation="resolute-support") == []
    assert [p.id for p in queries.filter_partners(data, operation="kfor")] == ["argentina"]
    assert [p.id for p in queries.filter_partners(data, operation="bih")] == [
        "argentina",
        "chile",
    ]


def test_japan_and_pakistan_supported_afghanistan_outside_any_named_operation(
    data: Dataset,
) -> None:
    for pid in ("japan", "pakistan"):
        (contribution,) = data.partner_index[pid].contributions
        assert contribution.operation is None


def test_operations_and_their_dates(data: Dataset) -> None:
    dates = {o.id: (o.acronym, str(o.start or ""), str(o.end or "")) for o in data.operations}
    assert dates == {
        "isaf": ("ISAF", "2003", "2014"),
        "resolute-support": (None, "", ""),
        "kfor": ("KFOR", "", ""),
        "bih": (None, "", ""),
    }


def test_every_dated_step_of_the_page_is_on_the_timeline(data: Dataset) -> None:
    steps = [(e.date.text, e.kind, e.id) for e in queries.timeline(data)]
    assert steps == [
        ("1990s", "dialogue", "ad-hoc-dialogue-1990s"),
        ("1998", "policy", "contact-countries-1998"),
        ("1999", "contribution", "argentina-contribution-2"),
        ("2003", "operation", "isaf-start"),
        ("2006", "summit", "riga-summit-2006"),
        ("2008", "summit", "bucharest-summit-2008"),
        ("2010-11", "policy", "lisbon-pmf-review-2010"),
        ("2010-11", "summit", "lisbon-summit-2010"),
        ("2011-04", "ministerial", "berlin-2011"),
        ("2014", "operation", "isaf-end"),
    ]


def test_every_body_framework_and_programme_is_in_the_glossary(data: Dataset) -> None:
    names = {t.name for t in data.terms}
    assert {
        "Euro-Atlantic Partnership Council",
        "Partnership for Peace",
        "Mediterranean Dialogue",
        "Istanbul Cooperation Initiative",
        "Individual Partnership Cooperation Programme",
        "Political-Military Framework",
        "International Coordination Centre",
        "Supreme Headquarters Allied Powers Europe",
        "North Atlantic Council",
        "Contact Countries",
        "Individual Tailored Cooperation Packages of Activities",
    } <= names


def _records(data: Dataset) -> list[Sourced]:
    records: list[Sourced] = [*data.partners, *data.operations, *data.events, *data.terms]
    for partner in data.partners:
        records += [*partner.relationship, *partner.programme, *partner.contributions]
    return records


def test_every_record_cites_a_known_source(data: Dataset) -> None:
    for record in _records(data):
        assert record.sources
        assert {c.source for c in record.sources} <= set(data.source_index)


def test_codes_are_unique(data: Dataset) -> None:
    for codes in ([p.iso2 for p in data.partners], [p.iso3 for p in data.partners]):
        assert len(codes) == len(set(codes))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


@pytest.mark.skipif(not SOURCE_2017.exists(), reason="the shared sources are not beside the repo")
def test_no_summary_copies_the_source(data: Dataset) -> None:
    """Own words: no eight-word run of the page reappears, unless it is mostly proper names."""
    words = _words(SOURCE_2017.read_text(encoding="utf-8"))
    runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    names = {"the", "and", "of"}
    named: list[Partner | Operation | Term] = [*data.partners, *data.operations, *data.terms]
    for record in named:
        names.update(_words(record.name))
    texts = [getattr(r, "summary", "") for r in _records(data)] + [e.title for e in data.events]
    copied = [
        " ".join(run)
        for text in texts
        for words_ in [_words(text)]
        for run in (tuple(words_[i : i + 8]) for i in range(len(words_) - 7))
        if run in runs and len(set(run) - names) >= 3
    ]
    assert copied == []
