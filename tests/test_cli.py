"""The commands through Typer's CliRunner: content, streams and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from natopartners import __version__
from natopartners.models import Dataset, PartialDate
from natopartners.rows import source_ids
from tests.conftest import Invoke, json_of, plain

from .test_data import GLOBAL_PARTNERS

LISTINGS = [["list"], ["timeline"], ["show", "japan"]]


def test_list_json_holds_every_country_with_its_fields(invoke: Invoke, data: Dataset) -> None:
    rows = json_of(invoke, "list")
    assert isinstance(rows, list)
    assert [r["id"] for r in rows] == [p.id for p in data.partners]
    korea = next(r for r in rows if r["id"] == "korea")
    assert korea == {
        "id": "korea",
        "name": "Republic of Korea",
        "official_name": "Republic of Korea",
        "coverage": "partner",
        "relationship": "global-partner",
        "relationship_as_of": "2024-10-03",
        "announced_end": None,
        "programme": "itpp",
        "programme_as_of": "2023-07",
        "region": "Asia",
        "subregion": "Eastern Asia",
        "iso2": "KR",
        "iso3": "KOR",
        "aliases": ["South Korea", "ROK", "Korea"],
        "operations": ["isaf"],
        "summary": data.partner_index["korea"].summary,
        "sources": source_ids(data.partner_index["korea"].sources),
        "uncertain": [],
    }


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--relationship", "global-partner"], GLOBAL_PARTNERS),
        (["-r", "operation-contributor"], ["chile"]),  # Argentina applied in 2024
        (["-r", "applicant"], ["argentina"]),
        (["-r", "operation-contributor", "--as-of", "2023"], ["argentina", "chile"]),
        (["--region", "oceania"], ["australia", "new-zealand"]),
        (["--operation", "ifor"], ["new-zealand"]),
        (["--operation", "Resolute Support"], ["australia", "mongolia", "new-zealand", "pakistan"]),
        (["--programme", "itpp", "--region", "americas"], ["colombia"]),
    ],
)
def test_list_filters(invoke: Invoke, args: list[str], ids: list[str]) -> None:
    rows = json_of(invoke, "list", *args)
    assert isinstance(rows, list)
    assert [r["id"] for r in rows] == ids


@pytest.mark.parametrize(
    ("query", "ident"),
    [*((name, name) for name in GLOBAL_PARTNERS), ("CHINA", "china"),
     ("Argentine Republic", "argentina")],
)  # fmt: skip
def test_show_answers_for_every_partner(invoke: Invoke, query: str, ident: str) -> None:
    detail = json_of(invoke, "show", query)
    assert detail["id"] == ident
    assert detail["cited_sources"][0]["url"].startswith("https://www.nato.int/")


def test_show_for_people_has_summary_contributions_and_sources(invoke: Invoke) -> None:
    result = invoke("show", "argentina", "--format", "table", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    out = plain(result.stdout)
    for expected in (
        "Argentina",
        "Argentine Republic",
        "Relationship  Applicant to become a partner across the globe, from 2024-04-18",
        "Named beside NATO in NATO-led operations \u00b7 from 1999, replaced on 2024-04-18",
        "Kosovo Force: medical and social aid and peace-agreement work in Kosovo \u00b7 from 1999",
        "NATO-led operations in Bosnia and Herzegovina",
        "Timeline",
        "NATO, \u201cRelations with partners across the globe\u201d, updated 2017-05-19",
        "https://www.nato.int/cps/uk/natohq/topics_49188.htm?selectedLocale=en",
        "As of",
    ):
        assert expected in out


def test_show_unknown_exits_1_with_a_suggestion_on_stderr(invoke: Invoke) -> None:
    result = invoke("show", "japn")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "natopartners: no country matches 'japn'\nnatopartners: did you mean: japan?\n"
    )


def test_show_ambiguous_exits_1_listing_candidates(invoke: Invoke) -> None:
    result = invoke("show", "chi")
    assert result.exit_code == 1
    assert "candidates: chile, china" in result.stderr
    # "ch" is no prefix: it is Switzerland's code.
    assert json_of(invoke, "show", "ch")["iso2"] == "CH"


def test_timeline_json_is_chronological_and_complete(invoke: Invoke, data: Dataset) -> None:
    rows = json_of(invoke, "timeline")
    dates = [PartialDate.parse(r["date"]) for r in rows]
    assert dates == sorted(dates)
    assert {e.id for e in data.events} <= {r["id"] for r in rows}
    assert {"isaf-start", "isaf-end", "berlin-2011", "kfor-start"} <= {r["id"] for r in rows}


def test_timeline_filters_by_year_partner_and_kind(invoke: Invoke) -> None:
    rows = json_of(invoke, "timeline", "--since", "2008", "--until", "2010", "--kind", "summit")
    assert [r["id"] for r in rows] == ["bucharest-summit-2008", "lisbon-summit-2010"]
    rows = json_of(invoke, "timeline", "--partner", "ARG", "--kind", "contribution")
    assert [(r["date"], r["operations"]) for r in rows] == [("1999", ["kfor"])]


def test_an_empty_result_is_an_empty_array_and_exit_0(invoke: Invoke) -> None:
    result = invoke("timeline", "--since", "2030", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = invoke("timeline", "--since", "2030", "--format", "table")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "natopartners: no events match\n"


@pytest.mark.parametrize("args", LISTINGS)
def test_every_format_holds_the_same_records(invoke: Invoke, args: list[str]) -> None:
    """JSON, JSON Lines, CSV, TSV and Markdown list the same ids in the same order."""

    def run(*extra: str) -> str:
        result = invoke(*args, *extra)
        assert result.exit_code == 0, result.output
        return result.stdout

    ids_json = [r["id"] for r in _as_list(json.loads(run("--json")))]
    ids_jsonl = [json.loads(line)["id"] for line in run("--format", "jsonl").splitlines()]
    ids_csv = [r["id"] for r in csv.DictReader(io.StringIO(run("--format", "csv")))]
    ids_tsv = _column(run("--format", "tsv").splitlines(), "\t")
    # Piped, a listing is TSV; one record is plain text for people, which names it first.
    ids_auto = _column(run().splitlines(), "\t") if args[0] != "show" else ids_tsv
    markdown = [line.strip("| ") for line in run("--format", "markdown").splitlines()]
    ids_md = [re.sub(r"\\(.)", r"\1", i) for i in _column([markdown[0], *markdown[2:]], " | ")]
    assert ids_json
    assert ids_json == ids_jsonl == ids_csv == ids_tsv == ids_auto == ids_md


def _column(lines: list[str], separator: str, name: str = "id") -> list[str]:
    header, *rows = (line.split(separator) for line in lines)
    return [row[header.index(name)] for row in rows]


def _as_list(value: Any) -> list[dict[str, object]]:
    """A listing's rows, or one record's as a list of one."""
    return value if isinstance(value, list) else [value]


def test_tsv_is_one_record_a_line_with_a_fixed_number_of_fields(invoke: Invoke) -> None:
    lines = invoke("list").stdout.splitlines()
    assert len(lines) == 17
    assert {line.count("\t") for line in lines} == {17}
    assert "\x1b" not in invoke("list", env={"FORCE_COLOR": "1"}).stdout


def test_no_header_drops_the_header_row(invoke: Invoke) -> None:
    assert invoke("list", "--format", "csv", "--no-header").stdout.startswith("afghanistan,")
    assert invoke("list", "--no-header").stdout.startswith("afghanistan\t")


def test_fields_select_and_order_in_every_format(invoke: Invoke) -> None:
    rows = json_of(invoke, "list", "--fields", "iso3,id")
    assert isinstance(rows, list)
    assert list(rows[0]) == ["iso3", "id"]
    assert invoke("list", "--fields", "iso3,id").stdout.splitlines()[:2] == [
        "iso3\tid",
        "AFG\tafghanistan",
    ]


def test_unknown_fields_exit_2_listing_the_valid_ones(invoke: Invoke) -> None:
    result = invoke("list", "--fields", "nope")
    assert result.exit_code == 2
    assert "id, name, official_name, coverage, relationship" in " ".join(
        plain(result.stderr).split()
    )


@pytest.mark.parametrize("args", [["--fields"], ["--fields", ""], ["--fields", " , "]])
def test_missing_or_empty_fields_are_usage_errors(invoke: Invoke, args: list[str]) -> None:
    result = invoke("list", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--fields" in plain(result.stderr)


def test_fields_help_lists_them_on_stdout(invoke: Invoke) -> None:
    result = invoke("timeline", "--fields", "help")
    assert result.exit_code == 0
    assert result.stdout.split() == [  # in the order the output gives them
        "date",
        "kind",
        "id",
        "title",
        "summary",
        "partners",
        "operations",
        "sources",
        "sources_differ",
        "uncertain",
    ]


def test_region_and_relationship_take_prefixes_and_name_the_choices(invoke: Invoke) -> None:
    asia = [r["id"] for r in json_of(invoke, "list", "--region", "asi")]
    assert asia == [r["id"] for r in json_of(invoke, "list", "--region", "Asia")]
    assert json_of(invoke, "list", "-r", "op") == json_of(
        invoke, "list", "-r", "operation-contributor"
    )
    # The partners' regions and the rest of the world's are known: Europe has no partner.
    result = invoke("list", "--region", "europe")
    assert (result.exit_code, result.stderr) == (0, "natopartners: no countries match\n")
    allies = json_of(invoke, "list", "--region", "europe", "-r", "ally")
    assert "iceland" in [r["id"] for r in allies]
    result = invoke("list", "--region", "atlantis")
    assert result.exit_code == 1
    assert "regions and sub-regions in the data: Africa, Americas, Asia," in result.stderr


def test_search_ignores_punctuation(invoke: Invoke) -> None:
    ids = [hit["id"] for hit in json_of(invoke, "search", "ban ki moon")]
    assert ids == [hit["id"] for hit in json_of(invoke, "search", "Ban Ki-moon")]
    assert "korea-ban-visit-2005" in ids


def test_json_and_another_format_conflict(invoke: Invoke) -> None:
    result = invoke("list", "--json", "--format", "csv")
    assert result.exit_code == 2


def test_a_bad_choice_exits_2_listing_the_allowed_values(invoke: Invoke) -> None:
    result = invoke("list", "--relationship", "friend")
    assert result.exit_code == 2
    message = " ".join(plain(result.stderr).split())
    assert "'friend' is not one of: global-partner, consulted, operation-contributor" in message
    result = invoke("timeline", "--kind", "party")
    assert result.exit_code == 2
    assert "summit, ministerial" in plain(result.stderr)
    assert "Value error" not in plain(result.stderr)
    assert invoke("list", "-r", "CONSULTED", "--json").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", ""], "give a name, id or code; this one is empty"),
        (["show", " - "], "give a name, id or code; ' - ' has no letter or digit"),
        (["timeline", "--partner", ""], "give a name, id or code; this one is empty"),
        (["search", "  "], "give some text to find; this is empty"),
        (["timeline", "--since", "2011", "--until", "2006"], "until (2006) is before since (2011)"),
        (["list", "--fields", "id,name,id"], "'id' given more than once"),
        (["--data", "", "list"], "give the path of a data file; this one is empty"),
        (["changes", "2020", "2010"], "TO (2010) is before FROM (2020)"),
        (["--as-of", "2020", "changes", "2014", "2024"], "TO (2024) and --as-of (2020) differ"),
    ],
)
def test_empty_or_contradictory_input_is_a_usage_error(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in " ".join(plain(result.stderr).split())


def test_an_unknown_operation_filter_exits_1(invoke: Invoke) -> None:
    result = invoke("list", "--operation", "isfa")
    assert result.exit_code == 1
    assert "no operation matches 'isfa'" in result.stderr


def test_text_from_data_is_shown_literally(invoke: Invoke, mini: Path) -> None:
    literal = "[bold]x[/bold] [/items] :smile: list[str]"
    for fmt in ("table", "tsv", "csv", "markdown"):
        result = invoke("show", "fixture", "--format", fmt, data=mini, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert literal in plain(result.stdout)
        assert "Republic of [bold]Fixture[/bold]" in plain(result.stdout)
    table = plain(invoke("list", "--format", "table", data=mini, env={"COLUMNS": "200"}).stdout)
    assert "Fixtureland" in table


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_human_output_never_cuts_a_value(invoke: Invoke, columns: str, data: Dataset) -> None:
    env = {"COLUMNS": columns}
    listing = plain(invoke("list", "--format", "table", env=env).stdout)
    assert "\u2026" not in listing
    words = " ".join(listing.split())
    for partner in data.partners:  # a name may wrap, so compare with spacing folded
        assert all(word in words for word in partner.name.split())
    sheet = plain(invoke("show", "korea", "--format", "table", env=env).stdout)
    # An ellipsis may only come from the data itself (one source title has one).
    assert sheet.count("\u2026") == invoke("show", "korea", "--json").stdout.count("\u2026")
    assert " ".join(data.partner_index["korea"].summary.split()) in " ".join(sheet.split())


def test_overview_without_a_command(invoke: Invoke, data: Dataset) -> None:
    result = invoke(env={"COLUMNS": "60"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 60  # wrapped to the terminal
    text = " ".join(result.stdout.split())
    assert f"data as of {data.dataset.as_of}" in text
    assert "later developments are not covered" in text
    assert (
        f"{len(data.partners)} partners, {len(data.countries)} other countries, "
        f"{len(data.operations)} operations, {len(data.events)} events,"
        f" {len(data.terms)} glossary terms, {len(data.sources)} sources."
    ) in text
    assert "Data file: bundled with natopartners" in text
    commands = lines[lines.index("Commands:") + 1 :]
    listed = [line.split()[0] for line in commands if line[:3].strip() and line[:2] == "  "]
    assert listed == ["list", "show", "timeline", "operations", "glossary", "sources", "search",
                      "changes", "schema", "validate", "cite"]  # fmt: skip


def test_version(invoke: Invoke) -> None:
    assert invoke("--version").stdout == f"natopartners {__version__}\n"


@pytest.mark.parametrize("command", ["list", "show", "timeline"])
def test_help_has_examples_and_h_works(invoke: Invoke, command: str) -> None:
    long = invoke(command, "--help", env={"COLUMNS": "100"})
    short = invoke(command, "-h", env={"COLUMNS": "100"})
    assert long.exit_code == short.exit_code == 0
    assert long.stdout == short.stdout
    text = plain(long.stdout)
    assert "Examples" in text
    assert text.count(f"natopartners {command}") >= 3


def test_main_help_documents_exit_codes(invoke: Invoke) -> None:
    text = " ".join(plain(invoke("--help", env={"COLUMNS": "100"}).stdout).split())
    assert "Exit codes: 0 success; 1 unknown or ambiguous name; 2 usage error;" in text
    assert "3 invalid data file" in text


def test_a_bad_data_file_exits_3_for_every_command(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[dataset]\ntitle = 1\n", encoding="utf-8")
    for args in ([], ["list"], ["show", "japan"], ["timeline", "--json"]):
        result = invoke(*args, data=bad)
        assert result.exit_code == 3, args
        assert result.stdout == ""
        assert f"natopartners: {bad}: dataset.title: Input should be a valid string" in (
            result.stderr
        )


def test_the_data_variable_selects_a_file(invoke: Invoke, mini: Path) -> None:
    result = invoke("list", "--json", env={"NATOPARTNERS_DATA": str(mini)})
    assert [r["id"] for r in json.loads(result.stdout)] == ["fixture", "other"]


@pytest.mark.parametrize("columns", ["40", "80", "160"])
def test_the_timeline_for_people_groups_entries_under_years(invoke: Invoke, columns: str) -> None:
    args = ["timeline", "--since", "1990", "--until", "2006"]
    out = plain(invoke(*args, "--format", "table", env={"COLUMNS": columns}).stdout)
    lines = out.splitlines()
    assert lines[0].startswith("Kinds: \u25cf dialogue")  # a shape a kind, colour or not
    headings = [line.split(" ")[0] for line in lines if line.endswith("\u2500")]
    years = ["1995", "1996", "1998", "1999", "2001", "2003", "2004", "2005", "2006"]
    assert headings == ["1990s", *years]  # a decade heads its own group
    assert "Partners: Argentina; Operations: KFOR" in " ".join(out.split())
    assert "\u2026" not in out
    assert max(len(line) for line in lines) <= int(columns)


def test_the_chart_draws_operations_on_a_time_axis(invoke: Invoke) -> None:
    args = ["timeline", "--chart", "--since", "1995", "--format", "table"]
    out = plain(invoke(*args, env={"COLUMNS": "100"}).stdout)
    lines = out.splitlines()
    # The first bar starts in December 1995: 1 January 1995 is not on the axis.
    assert lines[0].split()[:5] == ["2000", "2005", "2010", "2015", "2020"]
    isaf = next(line for line in lines if line.startswith("ISAF"))
    assert isaf.count("\u2588") > 15
    assert "Australia, Republic of Korea, Mongolia, New Zealand, Pakistan" in out
    kfor = next(line for line in lines if line.startswith("KFOR"))
    assert kfor.endswith("\u2588 ongoing")
    assert "\u25b2" in next(line for line in lines if line.startswith("events"))


def test_a_narrow_chart_puts_names_above_their_bars(invoke: Invoke) -> None:
    result = invoke("timeline", "--chart", "--format", "table", env={"COLUMNS": "40"})
    lines = plain(result.stdout).splitlines()
    assert result.stderr == ""
    assert max(map(len, lines)) <= 40
    isaf = lines.index("ISAF")
    assert lines[isaf + 1].lstrip().startswith("\u2588")  # its bar on the next line


def test_a_chart_of_one_day_says_why_it_is_a_list(invoke: Invoke) -> None:
    args = ["timeline", "--chart", "-f", "table", "--since", "2022-06-29", "--until", "2022-06-29"]
    result = invoke(*args, env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "no chart: the dates asked for span a single day" in result.stderr
    assert "Madrid Summit" in result.stdout


def test_the_chart_follows_the_filters(invoke: Invoke) -> None:
    args = ["timeline", "--chart", "-f", "table", "--partner", "argentina"]
    out = plain(invoke(*args, env={"COLUMNS": "100"}).stdout)
    assert "ISAF" not in out
    assert "KFOR" in out  # undated, so named under the chart
    assert invoke("timeline", "--chart", "--json").stdout == invoke("timeline", "--json").stdout
    summit_args = ["timeline", "--chart", "-f", "table", "--kind", "summit"]
    summits = plain(invoke(*summit_args, env={"COLUMNS": "100"}).stdout)
    assert "\u2588" not in summits  # no operation bars, only the summits' markers
    assert "\u25b2 summit" in summits


@pytest.mark.parametrize(
    "args",
    [
        ["--as-of", "2014", "list", "--as-of", "1995"],
        ["list", "--as-of", "2014", "--as-of", "1995"],
        ["--as-of", "1995", "list"],
    ],
)
def test_the_last_as_of_wins_wherever_it_stands(invoke: Invoke, args: list[str]) -> None:
    expected = invoke("list", "--as-of", "1995", "--json")
    assert invoke(*args, "--json").stdout == expected.stdout
    assert expected.stdout != invoke("list", "--as-of", "2014", "--json").stdout


def test_the_last_data_file_wins(invoke: Invoke, mini: Path) -> None:
    result = invoke("--data", str(mini), "list", "--data", "/nonexistent.toml")
    assert result.exit_code == 3
    assert "/nonexistent.toml" in result.stderr
    later = invoke("--data", "/nonexistent.toml", "list", "--data", str(mini), "--json")
    assert later.exit_code == 0, later.output


def test_a_double_dash_ends_the_options(invoke: Invoke) -> None:
    result = invoke("search", "--json", "--", "--as-of")
    assert result.exit_code == 0  # the text "--as-of", searched for, not the option
    assert isinstance(json.loads(result.stdout), list)


def test_as_of_after_the_command_answers_the_same(invoke: Invoke) -> None:
    after = invoke("list", "--as-of", "2014", "--json")
    assert after.exit_code == 0
    assert after.stdout == invoke("--as-of", "2014", "list", "--json").stdout
    missing = invoke("list", "--as-of")
    assert missing.exit_code == 2
    assert "'--as-of' requires an argument" in plain(missing.stderr)


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["show", "isaf"], "'isaf' names an operation: natopartners operations isaf"),
        (["operations", "japan"], "'japan' names a country: natopartners show japan"),
        (["glossary", "KFOR"], "'KFOR' names an operation: natopartners operations kfor"),
        (["show", "atlantis"], "natopartners list lists them; natopartners search finds text"),
        (["glossary", "zzz"], "natopartners glossary lists them; natopartners search finds text"),
    ],
)
def test_a_name_of_another_kind_points_to_it(invoke: Invoke, args: list[str], hint: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"natopartners: {hint}" in result.stderr.splitlines()


def test_a_glossary_term_that_is_no_programme_is_refused_as_one(invoke: Invoke) -> None:
    result = invoke("list", "--programme", "icc")
    assert result.exit_code == 1
    assert "programmes in the data: ipcp, itpp, enduring-partnership" in result.stderr
    ipcp = [row["id"] for row in json_of(invoke, "--as-of", "2023", "list", "--programme", "IPCP")]
    assert ipcp == ["iraq", "mongolia", "new-zealand"]


@pytest.mark.parametrize(
    ("args", "pointer"),
    [
        (
            ["timeline", "--partner", "isaf"],
            "'isaf' names an operation: natopartners operations isaf",
        ),
        (["list", "--operation", "japan"], "'japan' names a country: natopartners show japan"),
        (["timeline", "--operation", "japan"], "'japan' names a country: natopartners show japan"),
    ],
)
def test_a_filter_given_a_name_of_another_kind_says_where_it_is(
    invoke: Invoke, args: list[str], pointer: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 1
    assert pointer in result.stderr
