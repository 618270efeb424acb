"""The views for people (issue 23): a chart true to time, sheets readable in a pipe, legends
that need no colour, and completion a person can use."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Any

import pytest

from natopartners import views
from natopartners.loading import bundled_dataset
from natopartners.reference import Reference
from natopartners.render.human import _Axis
from tests.conftest import Invoke, plain
from tests.test_cli_records import _complete
from tests.test_subprocess import run

NEWEST = bundled_dataset().dataset.as_of


def _chart(as_of: str | None = None, **question: Any) -> views.Chart:
    ref = Reference(bundled_dataset(), as_of)
    rows = ref.timeline()
    return views.chart(views.Timeline(ref, rows, views.Question(chart=True, **question)))


@pytest.mark.parametrize("as_of", [None, "2030", "2100", "9999-12-31"])
def test_the_axis_ends_where_the_data_ends(as_of: str | None) -> None:
    chart = _chart(as_of)
    assert chart.last == NEWEST.last
    ongoing = [bar.label for bar in chart.bars if bar.end is None]
    assert {"KFOR", "Sea Guardian", "NMI"} <= set(ongoing)


def test_the_axis_of_an_earlier_day_ends_on_that_day() -> None:
    assert _chart("2010").last == dt.date(2010, 12, 31)


@pytest.mark.parametrize("span", [12, 31, 55, 90, 160, 240])
@pytest.mark.parametrize(
    ("first", "last"),
    [
        (dt.date(1995, 12, 1), dt.date(2026, 3, 20)),
        (dt.date(1995, 3, 1), dt.date(1999, 1, 10)),
        (dt.date(2003, 8, 1), dt.date(2014, 12, 31)),
        (dt.date(1953, 1, 1), dt.date(2026, 3, 20)),
    ],
)
def test_a_tick_stands_where_its_date_is(span: int, first: dt.date, last: dt.date) -> None:
    axis = _Axis(first, last, span)
    ticks = axis.ticks()
    assert len(ticks) <= span
    for found in re.finditer(r"\d{4}", ticks):
        year = int(found.group())
        day = dt.date(year, 1, 1)
        assert day >= first  # no label for a year whose 1 January is before the axis
        assert found.start() == axis.column(day)


def test_no_year_is_skipped_for_a_year_pinned_to_the_left_edge(invoke: Invoke) -> None:
    """At 250 columns the old axis read "1995   1997  1998": 1996 missing, 1995 misplaced."""
    result = invoke("timeline", "--chart", "-f", "table", env={"COLUMNS": "250", "NO_COLOR": "1"})
    years = [int(y) for y in plain(result.stdout).splitlines()[0].split()]
    steps = {b - a for a, b in pairwise(years)}
    assert len(steps) == 1  # evenly spaced, none missing


@pytest.mark.parametrize("columns", ["20", "30", "40", "59"])
def test_a_narrow_terminal_still_gets_a_chart(invoke: Invoke, columns: str) -> None:
    result = invoke("timeline", "--chart", "-f", "table", env={"COLUMNS": columns})
    out = plain(result.stdout)
    assert "\u2588" in out  # bars
    assert result.stderr == ""
    assert max(map(len, out.splitlines())) <= int(columns)


def test_a_note_about_the_chart_goes_to_stderr(invoke: Invoke) -> None:
    args = ["timeline", "--chart", "-f", "table", "--since", "2010-11-19", "--until", "2010-11-19"]
    result = invoke(*args, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "no chart" in result.stderr and "no chart" not in result.stdout


def test_a_sheet_in_a_pipe_is_readable_plain_text() -> None:
    result = run("show", "japan")
    lines = result.stdout.splitlines()
    assert lines[0] == "Japan"
    assert any(line.startswith("Relationship: Partner across the globe") for line in lines)
    assert any("ITPP" in line for line in lines)
    assert "\t" not in result.stdout and "\x1b" not in result.stdout
    assert len(lines) > 30
    grep = [line for line in lines if "ITPP" in line]  # | grep ITPP finds the lines
    assert grep
    listing = run("list").stdout.splitlines()
    assert listing[0].startswith("id\tname\t")  # a listing in a pipe stays TSV


@pytest.mark.parametrize(
    "env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"NO_COLOR": "1", "FORCE_COLOR": ""}]
)
def test_legends_do_not_need_colour(invoke: Invoke, env: dict[str, str]) -> None:
    out = plain(invoke("timeline", "--since", "2022", "-f", "table", env=env).stdout)
    legend = out.splitlines()[0]
    marks = re.findall(r"(\S) (dialogue|statement|policy|summit|ministerial|contribution)", legend)
    assert len(marks) >= 3
    assert len({mark for mark, _ in marks}) == len(marks)  # one shape per kind
    for mark, kind in marks:  # and each entry carries its kind's shape, beside or above it
        assert re.search(rf"(?m){re.escape(mark)} {kind}(  |$)", out.split("\n", 1)[1])


def test_a_sheet_shows_a_whole_url_and_every_note(invoke: Invoke) -> None:
    out = plain(invoke("show", "japan", "-f", "table", env={"COLUMNS": "60"}).stdout)
    url = "https://www.nato.int/cps/en/SID-4E37114D-E9973C8C/natolive/topics_50336.htm?selectedLocale=en"
    assert url in out.splitlines()
    notes = plain(invoke("show", "argentina", "-f", "table", env={"COLUMNS": "200"}).stdout)
    assert "142 of them gendarmes" in notes  # a contribution's note


def test_a_timeline_shows_the_whole_summary(invoke: Invoke) -> None:
    out = " ".join(plain(invoke("timeline", "--since", "2025-06", "-f", "table").stdout).split())
    hague = next(
        row for row in invoke("timeline", "--since", "2025-06", "--json").stdout.split("\n")
    )
    assert hague  # the JSON has it all, and so does the table:
    for row in Reference(bundled_dataset()).timeline(since="2025-06"):
        summary = row["summary"]
        assert summary
        assert " ".join(summary.split()) in out


def test_lines_do_not_end_in_spaces(invoke: Invoke) -> None:
    for args in (["list"], ["sources"], ["show", "korea"], ["timeline", "--chart"]):
        out = invoke(*args, "-f", "table", env={"COLUMNS": "120"}).stdout
        assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_help_wraps_between_words_at_40_columns(invoke: Invoke) -> None:
    result = invoke("timeline", "-h", env={"COLUMNS": "40"})
    body = plain(result.stdout).split("Options:", 1)[1]
    for line in body.splitlines():
        words = line.split()
        assert len(line) <= 40 or line.lstrip().startswith("natopartners")
        assert not any(re.fullmatch(r"[a-z]{1,3}", w) and w not in WORDS for w in words[-1:])
    overview = invoke(env={"COLUMNS": "40"}).stdout
    assert max(map(len, overview.splitlines())) <= 40


WORDS = {
    "or",
    "in",
    "of",
    "on",
    "a",
    "an",
    "the",
    "to",
    "by",
    "and",
    "its",
    "one",
    "for",
    "csv",
    "tsv",
    "as",
    "is",
}


def test_completion_in_any_case_and_for_every_kind() -> None:
    assert _complete("show", "Kor") == ["Korea"]
    assert "korea" in _complete("show", "kor")
    assert _complete("cite", "madrid-s") == ["madrid-summit-2022"]
    assert "eastern-Asia" in _complete("list", "--region", "eas")
    assert _complete("timeline", "--kind", "sum") == ["summit"]


@pytest.mark.parametrize(
    ("words", "command"),
    [
        (("show", "rep"), "show"),
        (("show", "new"), "show"),
        (("list", "--region", "eas"), "list --region"),
        (("list", "--region", "Sub"), "list --region"),
        (("cite", "japan-m"), "cite"),
        (("cite", "Vil"), "cite"),
        (("operations", "resol"), "operations"),
        (("glossary", "partnership"), "glossary"),
    ],
)
def test_every_candidate_is_one_word_that_the_command_takes(
    invoke: Invoke, words: tuple[str, ...], command: str
) -> None:
    """A shell inserts a candidate unquoted: "republic of Korea" would be three arguments."""
    candidates = [c for c in _complete(*words) if c]
    assert candidates
    for candidate in candidates:
        assert " " not in candidate
        result = invoke(*command.split(), candidate, *(() if command == "cite" else ("--json",)))
        assert result.exit_code == 0, (candidate, result.stderr)


def test_an_event_s_title_is_help_not_a_candidate() -> None:
    """cite takes an event by its id only: its title is shown beside the id, never offered."""
    assert _complete("cite", "Japan's") in ([], [""])


def test_naming_the_shell_it_runs_in_after_show_completion_is_no_error(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from natopartners import cli

    monkeypatch.setattr(cli, "_current_shell", lambda: "bash")
    assert "takes no shell" not in invoke("--show-completion", "bash").stderr
    refused = invoke("--show-completion", "zsh")
    assert refused.exit_code == 2 and "run it from zsh instead" in refused.stderr


def test_a_shell_named_after_install_completion_is_refused() -> None:
    result = run("--install-completion", "powershell")
    assert result.returncode == 2
    assert "takes no shell" in result.stderr
