"""The schema: text rules, record rules, and the cross-reference check."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from natopartners.models import (
    Dataset,
    Operation,
    ProgrammePeriod,
    Term,
    reference_problems,
)


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


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\u2028", "line or paragraph separator U+2028"),
        ("\u2029", "line or paragraph separator U+2029"),
        ("\u202e", "bidirectional control U+202E"),
        ("\u2066", "bidirectional control U+2066"),
        ("\u200f", "bidirectional control U+200F"),
        ("\u061c", "bidirectional control U+061C"),
        ("\u200b", "zero-width character U+200B"),
        ("\u2060", "zero-width character U+2060"),
        ("\ufeff", "zero-width character U+FEFF"),
        ("\u00ad", "invisible format character U+00AD"),  # soft hyphen
        ("\u2061", "invisible format character U+2061"),
        ("\ufff9", "invisible format character U+FFF9"),
        ("\U000e0041", "invisible format character U+E0041"),  # a tag letter
        ("\u0600", "invisible format character U+0600"),
        ("\u180e", "invisible format character U+180E"),
        ("\U0001d173", "invisible format character U+1D173"),
        ("\u034f", "invisible filler character U+034F"),
        ("\u115f", "invisible filler character U+115F"),
        ("\u3164", "invisible filler character U+3164"),
        ("\u17b4", "invisible filler character U+17B4"),
        ("\ue000", "private-use character U+E000"),
    ],
)
def test_layout_and_invisible_characters_are_rejected_by_name(char: str, kind: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(f"contains the {kind}, which")):
        Term.model_validate(_term(name=f"Nor{char}th"))


def test_letters_of_every_script_are_kept() -> None:
    name = "Côte d'Ivoire — 日本 — مصر — Ελλάδα"
    assert Term.model_validate(_term(name=name)).name == name


def test_no_break_spaces_are_spaces() -> None:
    name = "NATO\u00a0HQ, 12\u202f000 troops"
    assert Term.model_validate(_term(name=name)).name == name


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
