"""Honest dates: a date known only to a year, month or decade is a window, not its first day.

On a day inside the window a fact is listed but marked uncertain (``uncertain`` in the JSON, a
mark and a legend for people); before the window it is not there yet; after it, it is certain.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from natopartners import queries
from natopartners.dates import PartialDate
from natopartners.models import Dataset
from tests.conftest import Invoke, json_of, plain


def _row(invoke: Invoke, command: str, ident: str, *as_of: str) -> dict[str, Any] | None:
    """The row of ``ident`` in ``natopartners [--as-of DATE] COMMAND --json``, if listed."""
    prefix = ["--as-of", *as_of] if as_of else []
    rows = json_of(invoke, *prefix, command)
    return next((row for row in rows if row["id"] == ident), None)


def _table(invoke: Invoke, *args: str) -> str:
    """What people see, wide enough for no line to wrap, without trailing spaces."""
    result = invoke(*args, "--format", "table", env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in plain(result.stdout).splitlines())


@pytest.mark.parametrize(
    ("on", "state"),
    [
        ("1989-12-31", "no"),
        ("1990-01-01", "maybe"),
        ("1999-12-30", "maybe"),
        ("1999-12-31", "yes"),
        ("2000-06-01", "yes"),
    ],
)
def test_a_decade_is_a_window_of_three_states(on: str, state: str) -> None:
    assert queries.certainty(PartialDate.parse("1990s"), dt.date.fromisoformat(on)) == state


def test_a_date_the_data_has_is_certain_by_the_data_s_as_of(data: Dataset) -> None:
    newest = data.dataset.as_of
    same_year = PartialDate.parse(str(newest.first.year))
    assert queries.certainty(same_year, newest.last) == "maybe"
    assert queries.certainty(queries.reported(data, same_year), newest.last) == "yes"


def test_japan_counts_from_a_decade_absent_before_it_uncertain_inside_certain_after(
    invoke: Invoke,
) -> None:
    assert _row(invoke, "list", "japan", "1989") is None
    inside = _row(invoke, "list", "japan", "1990")
    assert inside is not None
    assert (inside["relationship"], inside["uncertain"]) == ("global-partner", ["relationship"])
    after = _row(invoke, "list", "japan", "2000")
    assert after is not None
    assert (after["relationship"], after["uncertain"]) == ("global-partner", [])


def test_japan_s_sheet_says_what_is_not_yet_certain(invoke: Invoke) -> None:
    sheet = json_of(invoke, "--as-of", "1990", "show", "japan")
    assert [(p["value"], p["uncertain"]) for p in sheet["history"]] == [
        ("global-partner", ["start"])
    ]
    text = " ".join(_table(invoke, "--as-of", "1990", "show", "japan").split())
    assert "during the 1990s; not yet certain on 1990-12-31" in text


def test_australia_s_itpp_dated_only_2023_is_uncertain_on_its_first_day(invoke: Invoke) -> None:
    row = _row(invoke, "list", "australia", "2023-01-01")
    assert row is not None
    assert (row["programme"], row["uncertain"]) == ("itpp", ["programme"])
    history = json_of(invoke, "--as-of", "2023-01-01", "show", "australia")["history"]
    assert {p["value"]: p["uncertain"] for p in history if p["kind"] == "programme"} == {
        "ipcp": ["end"],  # the ITPP that replaces it may not have come yet
        "itpp": ["start"],
    }
    later = _row(invoke, "list", "australia", "2024")
    assert later is not None
    assert (later["programme"], later["uncertain"]) == ("itpp", [])


def test_tables_mark_the_uncertain_value_and_explain_it_under_the_table(invoke: Invoke) -> None:
    lines = _table(invoke, "--as-of", "2023-01-01", "list").splitlines()
    australia = next(line for line in lines if line.startswith("Australia"))
    assert "ITPP?" in australia.split()
    assert not any("?" in line for line in lines if line.startswith("Japan"))
    assert "? Australia, ITPP: during 2023; not yet certain on 2023-01-01" in lines
    sheet = " ".join(_table(invoke, "--as-of", "2023-01-01", "show", "australia").split())
    assert "(ITPP), during 2023; not yet certain on 2023-01-01" in sheet


def test_an_undated_contribution_spans_its_operation(invoke: Invoke) -> None:
    assert _row(invoke, "list", "argentina", "1995-11") is None  # before the operation
    inside = _row(invoke, "list", "argentina", "1996")
    assert inside is not None
    assert (inside["operations"], inside["uncertain"]) == (["bih"], ["operations.bih"])
    shown = json_of(invoke, "--as-of", "1996", "show", "argentina")["contributions"]
    assert [(c["operation"], c["since"], c["uncertain"]) for c in shown] == [
        ("bih", None, ["start"])
    ]
    operation = json_of(invoke, "--as-of", "1996", "operations", "bih")
    assert "partners.argentina" in operation["uncertain"]
    lines = _table(invoke, "--as-of", "1996", "list").splitlines()
    assert any(line.startswith("? Argentina in ") for line in lines)
    sheet = " ".join(_table(invoke, "--as-of", "1996", "operations", "bih").split())
    said = "undated, within the operation (1995-12 to 2004-12); not yet certain on 1996-12-31"
    assert said in sheet
    after = _row(invoke, "list", "argentina", "2005")  # the operation ended in December 2004
    assert after is not None
    assert "bih" in after["operations"]
    assert after["uncertain"] == []


def test_a_timeline_entry_dated_only_by_a_year_straddling_since_is_marked(
    invoke: Invoke, data: Dataset
) -> None:
    dated_2014 = {e.id for e in data.events if e.date.text == "2014"}
    assert dated_2014, "the data has events dated only to 2014"
    rows = json_of(invoke, "timeline", "--since", "2014-06", "--until", "2014-12")
    marked = {row["id"] for row in rows if row["uncertain"]}
    assert marked == {row["id"] for row in rows if row["date"] == "2014"}
    assert dated_2014 <= marked
    whole_year = json_of(invoke, "timeline", "--since", "2014", "--until", "2014")
    assert not any(row["uncertain"] for row in whole_year)
    for window in (("2013", "2014-06"), ("2014-06", "2015")):
        changed = json_of(invoke, "changes", *window)
        assert dated_2014 <= {row["id"] for row in changed if row["uncertain"]}
        assert not any(row["uncertain"] for row in changed if row["date"] != "2014")
    text = _table(invoke, "timeline", "--since", "2014-06", "--until", "2014-12")
    assert "2014?" in text.split()
    assert any(line.startswith("? dated only to a year") for line in text.splitlines())


def test_sheets_mark_timeline_entries_that_may_fall_after_the_day_asked_for(
    invoke: Invoke,
) -> None:
    entries = json_of(invoke, "--as-of", "2023-06", "glossary", "itpp")["timeline"]
    assert {e["id"]: e["uncertain"] for e in entries if e["date"].startswith("2023")} == {
        "australia-itpp-2023": True,
        "nz-itpp-talks-2023": False,
    }
    text = _table(invoke, "--as-of", "2023-06", "glossary", "itpp")
    assert "2023?" in text.split()
    assert any(line.startswith("? dated only to a year") for line in text.splitlines())


def test_an_operation_whose_end_is_dated_by_a_year_may_have_ended_inside_it(
    invoke: Invoke,
) -> None:
    inside = _row(invoke, "operations", "resolute-support", "2021-06")
    assert inside is not None
    assert (inside["end"], inside["uncertain"]) == ("2021", ["end"])
    lines = _table(invoke, "--as-of", "2021-06", "operations").splitlines()
    assert "may have ended" in " ".join(lines)
    assert "? RSM, end: ends during 2021; may have ended by 2021-06-30" in lines
    sheet = " ".join(_table(invoke, "--as-of", "2021-06", "operations", "rsm").split())
    assert "End ends during 2021; may have ended by 2021-06-30" in sheet
    after = _row(invoke, "operations", "resolute-support", "2022")
    assert after is not None
    assert (after["status"], after["uncertain"]) == ("ended", [])


def test_an_operation_whose_start_is_dated_by_a_year_may_have_begun(invoke: Invoke) -> None:
    inside = _row(invoke, "operations", "allied-provider-protector", "2008-06")
    assert inside is not None
    assert (inside["status"], inside["uncertain"]) == ("ongoing", ["start"])
    assert "may have begun" in _table(invoke, "--as-of", "2008-06", "operations")
    assert _row(invoke, "operations", "allied-provider-protector", "2007") is None


def test_nothing_is_uncertain_on_the_data_s_own_date(invoke: Invoke) -> None:
    for command in ("list", "operations", "timeline"):
        assert not any(row["uncertain"] for row in json_of(invoke, command)), command


def test_the_output_schema_documents_the_uncertain_fields(invoke: Invoke) -> None:
    result = invoke("schema", "output")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)["$defs"]
    for name in ("PartnerRow", "OperationRow", "TimelineRow", "PeriodView", "ContributionView"):
        assert "uncertain" in schema[name]["properties"], name
        assert "``uncertain``" in schema[name]["description"], name


@pytest.mark.parametrize(
    ("as_of", "relationship", "uncertain"),
    [
        ("2014-03-31", "euro-atlantic-partner", []),
        ("2014-04-01", "euro-atlantic-partner", []),  # it held at least to the 1st
        ("2014-04-15", "euro-atlantic-partner", ["relationship"]),
        ("2014-04-30", "euro-atlantic-partner", ["relationship"]),  # "2014-04" is this day too
        ("2014-04", "euro-atlantic-partner", ["relationship"]),
        ("2014-05-01", None, []),
    ],
)
def test_an_end_known_only_to_a_month_is_certain_only_after_it(
    invoke: Invoke, as_of: str, relationship: str | None, uncertain: list[str]
) -> None:
    """Russia's partnership held until some day of April 2014 (then suspended): it may have
    been over on any day of April after the 1st, the last included, and was from May on."""
    row = json_of(invoke, "--as-of", as_of, "show", "russia")
    assert (row["relationship"], row["uncertain"]) == (relationship, uncertain)


def test_a_period_held_to_a_day_holds_on_that_day(invoke: Invoke) -> None:
    """``until`` is the last day the value held: on it, the value is certain. Afghanistan's
    Enduring Partnership was suspended on 2021-08-20."""
    on = json_of(invoke, "--as-of", "2021-08-20", "show", "afghanistan")
    after = json_of(invoke, "--as-of", "2021-08-21", "show", "afghanistan")
    assert (on["programme"], on["uncertain"]) == ("enduring-partnership", [])
    assert after["programme"] is None
