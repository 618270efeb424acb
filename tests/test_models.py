"""The schema: partial dates, text rules, and the cross-reference check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from natopartners.models import (
    Dataset,
    Operation,
    PartialDate,
    ProgrammePeriod,
    Term,
    reference_problems,
)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1998", dt.date(1998, 1, 1), dt.date(1998, 12, 31)),
        ("2011-04", dt.date(2011, 4, 1), dt.date(2011, 4, 30)),
        ("2012-02", dt.date(2012, 2, 1), dt.date(2012, 2, 29)),
        ("2010-12", dt.date(2010, 12, 1), dt.date(2010, 12, 31)),
        ("2010-11-19", dt.date(2010, 11, 19), dt.date(2010, 11, 19)),
        ("1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ],
)
def test_partial_date_spans_and_prints_as_written(text: str, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert (date.first, date.last, str(date)) == (first, last, text)


def test_toml_dates_are_accepted_and_print_in_iso_form() -> None:
    assert str(PartialDate.parse(dt.date(2010, 11, 19))) == "2010-11-19"


@pytest.mark.parametrize(
    "bad", ["", "98", "2011-4", "2011-13", "2011-02-30", "1995s", "2011/04", "soon", 2011, None]
)
def test_partial_date_rejects_what_is_not_a_date(bad: object) -> None:
    with pytest.raises(ValueError, match="date"):
        PartialDate.parse(bad)


def test_partial_dates_sort_by_first_day_the_wider_first() -> None:
    texts = ["2011", "2010-11-19", "1990s", "2010-11", "1998", "2010", "2010-01", "1990"]
    ordered = [str(d) for d in sorted(PartialDate.parse(t) for t in texts)]
    assert ordered == [
        "1990s", "1990", "1998", "2010", "2010-01", "2010-11", "2010-11-19", "2011",
    ]  # fmt: skip


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_precision_of_a_real_day_contains_it(day: dt.date) -> None:
    texts = [day.isoformat(), day.isoformat()[:7], day.isoformat()[:4], f"{day.year // 10}0s"]
    for text in texts:
        date = PartialDate.parse(text)
        assert date.first <= day <= date.last
        assert str(date) == text


def _term(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "nac",
        "name": "North Atlantic Council",
        "summary": "The council.",
        "sources": [{"source": "src"}],
    }
    record.update(changes)
    return record


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\r", "\x00", "\x7f", "\x9b"])
def test_control_characters_are_rejected(char: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        Term.model_validate(_term(summary=f"bad {char}[2J text"))


def test_newlines_are_allowed_in_prose_but_not_in_names() -> None:
    assert Term.model_validate(_term(summary="two\nlines")).summary == "two\nlines"
    with pytest.raises(ValidationError, match="single line"):
        Term.model_validate(_term(name="two\nlines"))


def test_unknown_keys_wrong_types_and_missing_sources_are_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Term.model_validate(_term(acronymm="NAC", name=5, sources=[]))
    kinds = {e["type"] for e in caught.value.errors()}
    assert kinds == {"extra_forbidden", "string_type", "too_short"}


def test_an_operation_cannot_end_before_it_starts() -> None:
    record = {
        "id": "op",
        "name": "Op",
        "theatre": "Here",
        "start": "2004",
        "end": "2003-12",
        "summary": "x",
        "sources": [{"source": "src"}],
    }
    with pytest.raises(ValidationError, match="before start"):
        Operation.model_validate(record)
    record["end"] = "2004-01"
    assert str(Operation.model_validate(record).end) == "2004-01"


def test_a_period_starts_at_a_known_date_or_an_attested_one_never_both() -> None:
    sources = [{"source": "src"}]
    attested = ProgrammePeriod.model_validate(
        {"value": "ipcp", "attested": "2017-05-19", "sources": sources}
    )
    assert (attested.since, str(attested.start)) == (None, "2017-05-19")
    with pytest.raises(ValidationError, match="not both"):
        ProgrammePeriod.model_validate(
            {"value": "ipcp", "since": "2017", "attested": "2017-05-19", "sources": sources}
        )
    with pytest.raises(ValidationError, match="before the start"):
        ProgrammePeriod.model_validate(
            {"value": "ipcp", "attested": "2017-05-19", "until": "2016", "sources": sources}
        )


def test_reference_problems_name_the_record_and_suggest(data: Dataset) -> None:
    broken = data.model_copy(
        update={"terms": [*data.terms, data.terms[0]]},
    )
    problems = list(reference_problems(broken))
    assert problems == [(f"terms[{len(data.terms)}].id", f"duplicate id {data.terms[0].id!r}")]


def test_a_dangling_operation_gets_a_did_you_mean(data: Dataset) -> None:
    australia = data.partner_index["australia"]
    contribution = australia.contributions[0].model_copy(update={"operation": "isfa"})
    partner = australia.model_copy(update={"contributions": [contribution]})
    partners = [partner if p.id == "australia" else p for p in data.partners]
    broken = data.model_copy(update={"partners": partners})
    assert list(reference_problems(broken)) == [
        (
            "partners[australia].contributions[0].operation",
            "unknown operation 'isfa' (did you mean 'isaf'?)",
        )
    ]


def test_a_copy_with_other_partners_rebuilds_its_index(data: Dataset) -> None:
    assert "japan" in data.partner_index
    copy = data.model_copy(update={"partners": data.partners[:1]})
    assert list(copy.partner_index) == [data.partners[0].id]


def test_a_dispute_must_name_a_real_record_and_field(data: Dataset) -> None:
    dispute = {
        "id": "isaf-end",
        "record": "operations.isfa",
        "field": "ending",
        "value": "2014-12-28",
        "summary": "Another day.",
        "sources": [{"source": "glob17"}],
    }
    broken = Dataset.model_validate({**data.model_dump(), "disputes": [dispute]})
    assert list(reference_problems(broken)) == [
        ("disputes[isaf-end].record", "unknown operation 'isfa' (did you mean 'isaf'?)"),
        ("disputes[isaf-end].field", "operations have no field 'ending'"),
    ]
