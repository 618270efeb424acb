"""--as-of and changes over a dataset with dated periods."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, Invoke, json_of, plain

HISTORY = FIXTURES / "history.toml"


def _json(invoke: Invoke, *args: str) -> Any:
    return json_of(invoke, *args, data=HISTORY)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2000", []),
        ("2005", [("beta", "global-partner", None), ("gamma", "global-partner", None)]),
        (
            "2014",
            [
                ("alpha", "consulted", None),
                ("beta", "global-partner", "ipcp"),
                ("gamma", "global-partner", None),
            ],
        ),
        (
            "2017-05-19",
            [
                ("alpha", "global-partner", "ipcp"),
                ("beta", "global-partner", "ipcp"),
                ("gamma", "global-partner", None),
            ],
        ),
        ("2021-12", [("alpha", "global-partner", "itpp"), ("beta", "global-partner", "ipcp")]),
        ("2021-08-20", [("alpha", "global-partner", "ipcp"), ("beta", "global-partner", "ipcp"),
                        ("gamma", "global-partner", None)]),
    ],
)  # fmt: skip
def test_list_as_of_a_date(
    invoke: Invoke, as_of: str, expected: list[tuple[str, str, str | None]]
) -> None:
    rows = _json(invoke, "--as-of", as_of, "list")
    assert [(r["id"], r["relationship"], r["programme"]) for r in rows] == expected


def test_without_as_of_the_newest_state(invoke: Invoke) -> None:
    rows = _json(invoke, "list")
    assert [(r["id"], r["programme"]) for r in rows] == [("alpha", "itpp"), ("beta", "ipcp")]


def test_show_as_of_hides_what_had_not_happened(invoke: Invoke) -> None:
    early = _json(invoke, "--as-of", "2014", "show", "alpha")
    late = _json(invoke, "show", "alpha")
    assert (early["relationship"], early["contributions"], early["operations"]) == (
        "consulted",
        [],
        [],
    )
    assert [e["date"] for e in early["timeline"]] == ["2014-03-31"]
    assert late["operations"] == ["op"]
    assert [(e["date"], e["title"]) for e in late["timeline"]] == [
        ("2014-03-31", "Alpha: attested as consulted without a bilateral programme"),
        ("2015", "Alpha: contribution to Operation Test"),
        ("2017-05", "Alpha: partner across the globe"),
        ("2017-05", "Alpha: IPCP begins"),
        ("2021-12-08", "Alpha: ITPP begins, replacing the IPCP"),
    ]


def test_show_gives_each_period_and_what_replaced_it(invoke: Invoke) -> None:
    def history(*as_of: str) -> list[tuple[str, str | None, str | None, str | None]]:
        rows = _json(invoke, *as_of, "show", "alpha")["history"]
        return [(r["value"], r["since"], r["attested"], r["replaced_on"]) for r in rows]

    assert history() == [
        ("consulted", None, "2014-03-31", "2017-05"),
        ("global-partner", "2017-05", None, None),
        ("ipcp", "2017-05", None, "2021-12-08"),
        ("itpp", "2021-12-08", None, None),
    ]
    # In 2018 the IPCP's replacement was still to come, and the ITPP unknown.
    assert history("--as-of", "2018") == [
        ("consulted", None, "2014-03-31", "2017-05"),
        ("global-partner", "2017-05", None, None),
        ("ipcp", "2017-05", None, None),
    ]


def test_show_for_people_says_when_each_period_held(invoke: Invoke) -> None:
    result = invoke("show", "alpha", "-f", "table", data=HISTORY, env={"COLUMNS": "100"})
    lines = [" ".join(line.split()) for line in plain(result.stdout).splitlines()]
    text = " ".join(lines)
    assert (
        "Programme Individually Tailored Partnership Programme (ITPP), from 2021-12-08 (newest"
        " source: 2024-10-03)" in text
    )
    for expected in (
        "Consulted without a bilateral programme \u00b7 attested from 2014-03-31, replaced on"
        " 2017-05",
        "Individual Partnership Cooperation Programme (IPCP) \u00b7 from 2017-05, replaced on"
        " 2021-12-08",
    ):
        assert expected in lines


def test_operations_as_of_show_an_end_only_once_it_came(invoke: Invoke) -> None:
    assert _json(invoke, "--as-of", "2002", "operations") == []
    (row,) = _json(invoke, "--as-of", "2010", "operations")
    assert (row["start"], row["end"], row["status"]) == ("2003-08", None, "ongoing")
    (row,) = _json(invoke, "operations")
    assert (row["end"], row["status"]) == ("2016-12-15", "ended")


def test_an_operation_asked_for_before_it_began_says_so(invoke: Invoke) -> None:
    assert _json(invoke, "--as-of", "2002", "operations", "op")["status"] == "not-begun"
    result = invoke("--as-of", "2002", "operations", "op", "-f", "table", data=HISTORY)
    out = " ".join(plain(result.stdout).split())
    assert "Start 2003-08; not begun as of 2002 (data as of 2024-10-03)" in out
    assert "Status not begun" in out
    assert "End" not in out.split("Summaries")[0]
    assert "ongoing" not in out
    # its one source is of 2024: what the summary says may be later than 2002
    assert "Summaries and notes drawn from sources that appeared after 2002 are left out." in out
    assert "A test operation." not in out
    assert "A test operation." in invoke("operations", "op", "-f", "table", data=HISTORY).stdout


def test_search_as_of_leaves_out_what_had_not_happened(invoke: Invoke) -> None:
    def found(*args: str) -> list[str]:
        return [hit["id"] for hit in _json(invoke, *args, "search", "test")]

    assert "op" in found()
    assert "op" not in found("--as-of", "2002")


def test_timeline_as_of_stops_at_the_date(invoke: Invoke) -> None:
    rows = _json(invoke, "--as-of", "2010-11", "timeline")
    assert [r["id"] for r in rows] == [
        "gamma-relationship-1-start",
        "op-start",
        "beta-relationship-1-start",
        "summit-2010",
    ]


def test_changes_between_two_dates_are_dated_and_sourced(invoke: Invoke) -> None:
    rows = _json(invoke, "changes", "2014", "2021-12")
    assert [(r["date"], r["kind"], r["title"]) for r in rows] == [
        ("2015", "contribution", "Alpha: contribution to Operation Test"),
        ("2016-12-15", "operation", "Operation Test: end"),
        ("2017-05", "relationship", "Alpha: partner across the globe"),
        ("2017-05", "programme", "Alpha: IPCP begins"),
        ("2021-08-20", "relationship", "Gamma: no longer partner across the globe"),
        ("2021-12-08", "programme", "Alpha: ITPP begins, replacing the IPCP"),
    ]  # fmt: skip
    assert all(r["sources"] == ["src"] for r in rows)


def test_changes_with_one_date_run_to_the_newest_data(invoke: Invoke) -> None:
    assert [r["date"] for r in _json(invoke, "changes", "2021-12-07")] == ["2021-12-08"]


def test_changes_list_a_year_only_date_in_every_window_it_may_fall_in(invoke: Invoke) -> None:
    # The contribution is dated "2015": it may fall before or after June 2015.
    early = [r["id"] for r in _json(invoke, "changes", "2014", "2015-06")]
    late = [r["id"] for r in _json(invoke, "changes", "2015-06", "2016")]
    assert "alpha-contribution-1" in early
    assert late == ["alpha-contribution-1", "op-end"]


def test_changes_run_to_as_of_when_no_end_is_given(invoke: Invoke) -> None:
    bounded = _json(invoke, "--as-of", "2016", "changes", "2015-06")
    assert bounded == _json(invoke, "changes", "2015-06", "2016")


def test_changes_rejects_a_reversed_range(invoke: Invoke) -> None:
    result = invoke("changes", "2020", "2010", data=HISTORY)
    assert result.exit_code == 2


def test_a_bad_as_of_date_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("--as-of", "2014-13", "list", data=HISTORY)
    assert result.exit_code == 2
    assert "'2014-13' is not a date: there is no month 13" in result.stderr


def test_a_date_past_the_data_says_so(invoke: Invoke) -> None:
    result = invoke("--as-of", "2030", "list", data=HISTORY)
    assert result.exit_code == 0
    assert "the data goes up to 2024-10-03" in result.stderr


def test_human_views_say_which_date_they_answer_for(invoke: Invoke) -> None:
    env = {"COLUMNS": "100"}
    out = plain(invoke("--as-of", "2014", "list", "-f", "table", data=HISTORY, env=env).stdout)
    assert "As of 2014 (data as of 2024-10-03)." in out
    out = plain(invoke("show", "alpha", "-f", "table", data=HISTORY, env=env).stdout)
    assert "2024-10-03" in out


def test_disagreeing_sources_are_shown_in_the_record_and_on_the_timeline(invoke: Invoke) -> None:
    detail = _json(invoke, "operations", "op")
    assert detail["end"] == "2016-12-15"
    assert detail["disputes"] == [
        {
            "field": "end",
            "value": "2016-11-24",
            "summary": "Another source ends it three weeks earlier.",
            "sources": ["src"],
        }
    ]
    (end,) = [r for r in _json(invoke, "timeline", "--kind", "operation") if r["id"] == "op-end"]
    assert end["sources_differ"] == ["Another source ends it three weeks earlier."]
    assert end["summary"] == ""  # the summary goes with the start, once


def _variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The history fixture with some text replaced, written to a temporary file."""
    text = HISTORY.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "variant.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_operation_whose_end_no_source_dates(invoke: Invoke, tmp_path: Path) -> None:
    data = _variant(
        tmp_path,
        ('end = "2016-12-15"', 'ended_by = "2016-12"\naliases = ["Operation Trial"]'),
        ('until = "2016-12-15"', 'until = "2016-12"'),
    )
    (row,) = json_of(invoke, "operations", data=data)
    assert (row["end"], row["ended_by"], row["status"]) == (None, "2016-12", "ended")
    result = invoke("operations", "operation trial", "-f", "table", data=data)
    assert "End not dated by the sources; over by 2016-12" in " ".join(plain(result.stdout).split())
    titles = [r["title"] for r in json_of(invoke, "timeline", "--kind", "operation", data=data)]
    assert titles == [
        "Operation Test: start",
        "Operation Test: over by this date (no source dates the end)",
    ]


def test_a_suspended_period_is_not_called_an_end(invoke: Invoke, tmp_path: Path) -> None:
    data = _variant(
        tmp_path,
        (
            'since = "2001", until = "2021-08-20",',
            'since = "2001", until = "2021-08-20", suspended = true,',
        ),
    )
    (entry,) = [
        r
        for r in json_of(invoke, "timeline", "--partner", "gamma", data=data)
        if r["date"] == "2021-08-20"
    ]
    assert entry["title"] == "Gamma: partner across the globe suspended"
    (period,) = json_of(invoke, "show", "gamma", data=data)["history"]
    assert (period["until"], period["suspended"]) == ("2021-08-20", True)
    out = " ".join(plain(invoke("show", "gamma", "-f", "table", data=data).stdout).split())
    assert "Partner across the globe \u00b7 2001 to 2021-08-20, suspended" in out


def test_no_one_takes_part_in_an_operation_before_it_begins(invoke: Invoke, tmp_path: Path) -> None:
    data = _variant(
        tmp_path,
        ('since = "2015"\nuntil', 'since = "2003"\nuntil'),
    )
    early = json_of(invoke, "--as-of", "2003-01", "operations", "op", data=data)
    assert (early["status"], early["partners"], early["contributions"]) == ("not-begun", [], [])
    assert json_of(invoke, "--as-of", "2004", "operations", "op", data=data)["partners"] == [
        "alpha"
    ]
