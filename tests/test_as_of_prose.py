"""--as-of knows nothing of what came later: a summary or note drawn from a source that
appeared after the day asked for is left out (null in JSON), wherever it would be shown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import natopartners
from natopartners import Reference
from natopartners.dates import PartialDate
from natopartners.models import Citation
from tests.conftest import Invoke, json_of, plain

REFERENCE = natopartners.load()
DATA = REFERENCE.dataset
PROSE = ("summary", "note")


def _source_day(ident: str) -> PartialDate | None:
    source = DATA.source_index[ident]
    return source.published or source.updated


def _first_day(ident: str) -> dt.date | None:
    """The first day a source can have appeared: its own date's, else the latest fact's."""
    day = _source_day(ident)
    return day.first if day is not None else DATA.reported_from.get(ident)


def _prose(found: Any, path: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """Every summary or note shown in an answer, with the sources it sits beside."""
    if isinstance(found, dict):
        sources = found.get("sources")
        for key in PROSE:
            if isinstance(found.get(key), str) and found[key] and isinstance(sources, list):
                yield f"{path}.{key}", found[key], sources
        for key, value in found.items():
            yield from _prose(value, f"{path}.{key}")
    elif isinstance(found, list):
        for i, value in enumerate(found):
            yield from _prose(value, f"{path}[{i}]")


def _answers(reference: Reference) -> Iterator[tuple[str, Any]]:
    yield "list", reference.partners()
    for row in reference.partners():
        yield f"show {row['id']}", reference.partner(row["id"])
    for operation in reference.operations():
        yield f"operations {operation['id']}", reference.operation(operation["id"])
    for term in reference.terms():
        yield f"glossary {term['id']}", reference.term(term["id"])["timeline"]
    yield "timeline", reference.timeline()


def _later(reference: Reference) -> list[str]:
    """Every summary or note shown for the day whose sources include one dated after it."""
    day = reference.day
    wrong = []
    for answer, found in _answers(reference):
        for path, _, sources in _prose(found):
            late = [s for s in sources if (first := _first_day(s)) is not None and first > day]
            if late:
                wrong.append(f"{answer}: {path} rests on {', '.join(late)}")
    return wrong


@pytest.mark.parametrize("day", ["2012-10", "2014-03-31", "2017-05-19", "2021-06", "2025-06"])
def test_no_text_shown_for_a_day_rests_on_a_later_source(day: str) -> None:
    assert _later(REFERENCE.on(day)) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 3, 19)))
def test_no_day_shows_a_text_from_a_later_source(day: dt.date) -> None:
    assert _later(REFERENCE.on(day.isoformat())) == []


def test_the_newest_day_leaves_nothing_out() -> None:
    """Asked for the data's own date, the answers are those of the default: all shown."""
    newest = REFERENCE.on(DATA.dataset.as_of.text)
    assert dict(_answers(newest)) == dict(_answers(REFERENCE))
    assert all(row["summary"] for row in REFERENCE.partners())


def test_june_2025_knows_nothing_of_colombias_announced_exit(invoke: Invoke) -> None:
    detail = json_of(invoke, "--as-of", "2025-06", "show", "colombia")
    said = json.dumps(detail)
    for later in ("Petro", "2025-07", "2025-08", "2025-11", "petro25", "mindef25", "fes25"):
        assert later not in said
    assert detail["summary"] is None
    assert detail["announced_end"] is None
    assert detail["relationship"] == "global-partner"
    sheet = plain(invoke("--as-of", "2025-06", "show", "colombia").stdout)
    assert "Petro" not in sheet
    assert (
        "Summaries and notes drawn from sources that appeared after 2025-06 are left out." in sheet
    )
    # the day after the announcement the sheet tells of it, but not of what was said later
    after = json_of(invoke, "--as-of", "2025-07-20", "show", "colombia")
    assert after["announced_end"] == {
        "date": "2025-07-16",
        "summary": None,
        "sources": ["petro25", "mindef25", "fes25"],
    }
    assert "not formalised in any source" in invoke("--as-of", "2025-07-20", "show", "co").stdout


def test_the_record_lists_only_sources_it_could_rest_on(invoke: Invoke) -> None:
    """Once a summary is left out, the record's own sources are those dated by the day: a
    title of 2025 is no answer for 2017."""
    detail = json_of(invoke, "--as-of", "2017-05-19", "show", "japan")
    cited = {s["id"] for s in detail["cited_sources"]}
    assert "rutte25tokyo" not in cited  # undated, on a press conference of 2025
    assert "Rutte" not in json.dumps(detail)
    for ident in detail["sources"]:
        day = _source_day(ident)
        assert day is not None and day.first <= dt.date(2017, 5, 19)


def test_sources_and_cite_for_a_day_list_what_had_appeared(invoke: Invoke) -> None:
    listed = {row["id"] for row in json_of(invoke, "--as-of", "2025-06", "sources")}
    assert "petro25" not in listed and "glob24b" in listed
    assert "rutte25tokyo" in listed  # undated: nothing places it later
    assert listed < {row["id"] for row in json_of(invoke, "sources")}
    bibtex = invoke("--as-of", "2025-06", "cite").stdout
    assert "glob24b" in bibtex and "petro25" not in bibtex


def test_search_for_a_day_finds_nothing_in_a_text_it_leaves_out(invoke: Invoke) -> None:
    found = [h["id"] for h in json_of(invoke, "search", "Petro")]
    assert {"colombia", "colombia-petro-exit-2025", "petro25"} <= set(found)
    assert json_of(invoke, "--as-of", "2025-06", "search", "Petro") == []
    # what the June 2025 answers still show is still found
    (hit,) = json_of(invoke, "--as-of", "2025-06", "search", "first partner of any kind")
    assert (hit["id"], hit["field"]) == ("colombia", "programme[1].note")


def test_a_nato_mission_iraq_sheet_of_2025_knows_nothing_of_its_move(invoke: Invoke) -> None:
    detail = json_of(invoke, "--as-of", "2025-06", "operations", "nmi")
    said = " ".join(text for _, text, _ in _prose(detail))
    assert "Naples" not in said and "2026" not in said
    assert detail["status"] == "ongoing"
    assert "Naples" in json.dumps(json_of(invoke, "operations", "nmi"))


def test_changes_up_to_a_day_leave_out_texts_of_later_sources(invoke: Invoke) -> None:
    rows = json_of(invoke, "changes", "2025-06", "2025-07-20")
    petro = next(r for r in rows if r["id"] == "colombia-petro-exit-2025")
    assert petro["summary"]  # its sources had appeared by 2025-07-20
    for row in json_of(invoke, "changes", "2014", "2017-05-19"):
        for ident in row["sources"] if row["summary"] else []:
            day = _source_day(ident)
            assert day is None or day.first <= dt.date(2017, 5, 19)


def test_an_undated_page_is_as_late_as_the_latest_fact_it_reports(invoke: Invoke) -> None:
    """Sea Guardian's summary rests on undated pages, one of which (Australia's mission)
    reports Australia's part from 2022: no answer for 2017 shows it."""
    assert DATA.source_index["ausemb"].published is None
    assert DATA.source_index["ausemb"].updated is None
    first = DATA.reported_from["ausemb"]
    assert first >= dt.date(2022, 1, 1)
    assert json_of(invoke, "--as-of", "2017", "operations", "sea-guardian")["summary"] is None
    shown = json_of(invoke, "operations", "sea-guardian")["summary"]
    assert shown and "2022" in shown
    listed = {row["id"] for row in json_of(invoke, "--as-of", "2017", "sources")}
    assert "ausemb" not in listed and "contact09" in listed  # a page of 2009 reports 2008


def test_every_undated_source_is_placed_no_earlier_than_a_fact_it_backs() -> None:
    dated: list[tuple[str, PartialDate | None, tuple[Citation, ...]]] = []
    for nation in (*DATA.partners, *DATA.countries):
        periods = (*nation.relationship, *DATA.country_index[nation.id].programme)
        periods += DATA.country_index[nation.id].contributions
        dated += [(nation.id, p.since or p.attested, p.sources) for p in periods]
    dated += [(e.id, e.date, e.sources) for e in DATA.events]
    dated += [(o.id, o.start, o.sources) for o in DATA.operations]
    for record, start, citations in dated:
        if start is None:
            continue
        for citation in citations:
            if _source_day(citation.source) is None:
                first = _first_day(citation.source)
                assert first is not None and first >= start.first, (record, citation.source)
