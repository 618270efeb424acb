"""operations, glossary, sources, search, schema, validate and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from natopartners import cli, schemas
from natopartners.models import URL_PATTERN, Dataset
from tests.conftest import Invoke, json_of, plain, tomllib
from tests.test_subprocess import COMMAND

ISAF_PARTNERS = [
    "australia",
    "korea",
    "mongolia",
    "new-zealand",
    "pakistan",
    "singapore",
    "malaysia",
]


def test_operations_lists_each_with_dates_and_partners(invoke: Invoke, data: Dataset) -> None:
    rows = {r["id"]: r for r in json_of(invoke, "operations")}
    assert list(rows) == [o.id for o in data.operations]
    found = [(r["start"], r["end"], r["partners"]) for r in (rows["isaf"], rows["kfor"])]
    assert found == [
        ("2003-08", "2014-12-31", ISAF_PARTNERS),
        ("1999-06-11", None, ["mongolia", "argentina"]),
    ]


@pytest.mark.parametrize("query", ["isaf", "ISAF", "International Security Assistance Force"])
def test_one_operation_in_full(invoke: Invoke, query: str) -> None:
    detail = json_of(invoke, "operations", query)
    assert detail["id"] == "isaf"
    assert [c["partner"] for c in detail["contributions"]] == ISAF_PARTNERS
    timeline = [e["id"] for e in detail["timeline"]]
    assert {"isaf-start", "lisbon-pmf-review-2010", "isaf-end"} <= set(timeline)
    assert timeline[-1] == "isaf-end"
    assert [(d["field"], d["value"]) for d in detail["disputes"]] == [("end", "2014-12")]


def test_an_operation_sheet_for_people(invoke: Invoke, data: Dataset) -> None:
    out = plain(invoke("operations", "kfor", "--format", "table", env={"COLUMNS": "100"}).stdout)
    assert "Kosovo Force" in out
    assert (
        "Argentina: medical and social aid and peace-agreement work in Kosovo \u00b7 from 1999"
        in out
    )
    # How current the status is: the date of the newest source on the operation.
    kfor = json_of(invoke, "operations", "kfor")
    assert kfor["status_as_of"] != str(data.dataset.as_of)
    assert f"none given (ongoing as of {kfor['status_as_of']}, the date of its newest source)" in (
        " ".join(out.split())
    )
    assert "Sources differ" in out
    assert "start: 1999-06-12 (kformission)" in out


def test_glossary_finds_terms_by_acronym_and_name(invoke: Invoke, data: Dataset) -> None:
    rows = json_of(invoke, "glossary")
    assert [r["id"] for r in rows] == [t.id for t in data.terms]
    assert json_of(invoke, "glossary", "PMF")["name"] == "Political-Military Framework"
    detail = json_of(invoke, "glossary", "supreme headquarters")
    assert detail["acronym"] == "SHAPE"
    assert json_of(invoke, "glossary", "shap")["id"] == "shape"  # an unambiguous prefix


def test_an_unknown_term_suggests(invoke: Invoke) -> None:
    result = invoke("glossary", "partnership for peas")
    assert result.exit_code == 1
    assert "did you mean: pfp" in result.stderr


def test_sources_count_the_records_citing_them(invoke: Invoke, data: Dataset) -> None:
    rows = json_of(invoke, "sources")
    assert [r["id"] for r in rows] == [s.id for s in data.sources]
    row = rows[0]
    assert row["id"] == "glob17"
    assert row["url"] == "https://www.nato.int/cps/uk/natohq/topics_49188.htm?selectedLocale=en"
    assert row["cited_by"] > 50
    assert all(r["cited_by"] > 0 for r in rows)
    assert {r["grade"] for r in rows} == {"N", "G", "M", "W"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("piracy", {("partner", "china"), ("event", "ad-hoc-dialogue-1990s")}),
        ("KOSOVO", {("operation", "kfor"), ("partner", "argentina")}),
        ("liaison officers", {("partner", "japan"), ("term", "pmf")}),
    ],
)
def test_search_finds_records_and_the_field(
    invoke: Invoke, text: str, expected: set[tuple[str, str]]
) -> None:
    hits = json_of(invoke, "search", text)
    found = {(h["kind"], h["id"]) for h in hits}
    assert expected <= found
    assert all(text.casefold() in h["text"].casefold() for h in hits)


def test_search_ignores_accents_and_finds_nothing_that_is_not_there(invoke: Invoke) -> None:
    plain, accented = (
        json_of(invoke, "search", "communique"),
        json_of(invoke, "search", "Communiqué"),
    )
    assert plain == accented
    assert {("partner", "china"), ("event", "vilnius-summit-2023")} <= {
        (h["kind"], h["id"]) for h in plain
    }
    assert {h["text"][slice(*h["match"])].casefold() for h in plain} == {"communiqué"}
    # No record holds "Côte" (Côte d'Ivoire is not a record): no hit, and exit 0.
    assert json_of(invoke, "search", "Côte") == []


def test_search_reports_the_matching_field(invoke: Invoke) -> None:
    hits = json_of(invoke, "search", "KOR")
    korea = next(h for h in hits if h["id"] == "korea")
    assert (korea["field"], korea["text"]) == ("name", "Republic of Korea")  # a name, not the id
    start, end = korea["match"]
    assert korea["text"][start:end] == "Kor"


OUTPUTS = [
    ("list", ["list"]),
    ("show", ["show", "korea"]),
    ("show", ["show", "argentina"]),
    ("timeline", ["timeline"]),
    ("changes", ["changes", "2014", "2024"]),
    ("operations", ["operations"]),
    ("operation", ["operations", "kfor"]),
    ("glossary", ["glossary"]),
    ("term", ["glossary", "nac"]),
    ("sources", ["sources"]),
    ("search", ["search", "asia"]),
]


def test_every_command_that_prints_json_has_an_output_schema() -> None:
    commands = {command.name for command in cli.app.registered_commands}
    assert len(commands) == len(cli.app.registered_commands) == 11  # each named, none twice
    printing = commands - {"schema", "validate", "cite"}
    assert printing == set(schemas.OUTPUTS) - {"operation", "term"}
    assert {name for name, _ in OUTPUTS} == set(schemas.OUTPUTS)


@pytest.mark.parametrize(("name", "args"), OUTPUTS)
def test_json_output_matches_its_published_schema(
    invoke: Invoke, name: str, args: list[str]
) -> None:
    schema = _schema(invoke, "output")
    document = json_of(invoke, *args)
    specific = {key: value for key, value in schema.items() if key != "anyOf"}
    jsonschema.validate(document, {**specific, "$ref": f"#/$defs/{name}"})
    jsonschema.validate(document, schema)


def _schema(invoke: Invoke, which: str) -> Any:
    result = invoke("schema", which)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_the_output_schema_rejects_a_wrong_shape(invoke: Invoke) -> None:
    schema = _schema(invoke, "output")
    row = json_of(invoke, "list")[0]
    del row["iso3"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([row], {"$defs": schema["$defs"], "$ref": "#/$defs/list"})


def test_the_bundled_file_validates_against_the_data_schema(invoke: Invoke) -> None:
    schema = _schema(invoke, "dataset")
    root = Path(__file__).resolve().parents[1]
    with (root / "data" / "partners.toml").open("rb") as handle:
        jsonschema.validate(json.loads(json.dumps(tomllib.load(handle), default=str)), schema)


def test_validate_counts_records(invoke: Invoke, mini: Path) -> None:
    result = invoke("validate", str(mini))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{mini}: valid (1 source, 2 partners, 0 other countries, 1 operation, 2 events, 1 term,"
        " 0 disputes),"
        " data as of 2020-01-02\n"
    )


def test_validate_lists_every_problem_and_exits_3(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[dataset]\ntitle = "t"\nversion = "1"\nas_of = "2020-13"\n'
        '[[sources]]\nid = "S"\ntitle = "x"\npublisher = "p"\nurl = "ftp://x"\ngrade = "Q"\n',
        encoding="utf-8",
    )
    result = invoke("validate", str(bad))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"natopartners: {bad}: dataset.as_of: '2020-13' is not a date: there is no month 13",
        f"natopartners: {bad}: sources[0].id: String should match pattern"
        " '^[a-z0-9]+(?:-[a-z0-9]+)*$'",
        f"natopartners: {bad}: sources[0].url: String should match pattern '{URL_PATTERN}'",
        f"natopartners: {bad}: sources[0].grade: Input should be 'N', 'G', 'M' or 'W'",
    ]


def _complete(*words: str, shell: str = "bash") -> list[str]:
    env = {**os.environ, "_NATOPARTNERS_COMPLETE": f"complete_{shell}"}
    env.pop("NATOPARTNERS_DATA", None)
    if shell == "bash":
        env |= {"COMP_WORDS": " ".join(("natopartners", *words)), "COMP_CWORD": str(len(words))}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": " ".join(("natopartners", *words))}
    result = subprocess.run(COMMAND, env=env, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_completion_of_partner_operation_term_and_fields() -> None:
    assert _complete("show", "ja") == ["japan"]
    # Every country the data holds, the partners first.
    assert _complete("show", "c")[:3] == ["colombia", "chile", "china"]
    assert "canada" in _complete("show", "c")
    assert _complete("operations", "k") == ["kfor"]
    assert _complete("glossary", "nac") == ["nac"]
    assert _complete("list", "--fields", "id,na") == ["id,name"]
    assert _complete("timeline", "--partner", "new") == ["new-zealand"]


def test_fields_completion_offers_what_the_command_takes() -> None:
    """The listing's fields for ``operations``, one operation's for ``operations isaf``."""
    assert _complete("operations", "--fields", "c") in ([], [""])  # nothing (bash: one empty line)
    assert _complete("operations", "--fields", "st") == ["start", "status", "status_as_of"]
    assert _complete("operations", "isaf", "--fields", "c") == ["contributions", "cited_sources"]
    assert _complete("glossary", "--fields", "t") in ([], [""])
    assert _complete("glossary", "nac", "--fields", "t") == ["timeline"]


def test_completion_reads_the_data_file_a_run_would(mini: Path) -> None:
    """--data after the command wins, as when the command runs."""
    words = ("--data", "/nonexistent.toml", "show", "--data", str(mini), "fix")
    assert _complete(*words) == ["fixture"]


def test_zsh_completion_carries_names() -> None:
    lines = _complete("show", "new", shell="zsh")
    assert '"new-zealand":"New Zealand"' in "\n".join(lines)


def test_control_characters_in_a_data_file_are_refused(
    invoke: Invoke, mini: Path, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.toml"
    text = mini.read_text(encoding="utf-8")
    hostile.write_text(text.replace('summary = "Consulted."', 'summary = "\\u001b[2Jgone"'))
    for args in (["validate", str(hostile)], ["--data", str(hostile), "show", "other"]):
        result = invoke(*args)
        assert result.exit_code == 3
        assert "\x1b" not in result.stdout + result.stderr
        assert (
            f"{hostile}: partners[other].summary: contains the control character U+001B,"
            " which is not allowed"
        ) in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "is a directory"), (b"\xff\xfe", "not UTF-8 text"), (b"", "the file is empty")],
)
def test_unusable_files_are_one_line_and_exit_3(
    invoke: Invoke, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path
    if content is not None:
        path = tmp_path / "x.toml"
        path.write_bytes(content)
    result = invoke("--data", str(path), "list")
    assert result.exit_code == 3
    (line,) = result.stderr.splitlines()
    assert message in line


@pytest.mark.parametrize("as_of", ["2000", "2004", "2010", "2014", "2020"])
def test_list_and_operations_agree_on_who_took_part(invoke: Invoke, as_of: str) -> None:
    listed = [r["id"] for r in json_of(invoke, "--as-of", as_of, "list", "--operation", "isaf")]
    shown = json_of(invoke, "--as-of", as_of, "operations", "isaf")["partners"]
    assert sorted(listed) == sorted(shown)


def test_no_one_is_on_the_scene_before_anything_began(invoke: Invoke) -> None:
    assert json_of(invoke, "--as-of", "1900", "list") == []
    # Pakistan's ISAF transit has no date of its own: it counts from ISAF's start, 2003-08.
    assert json_of(invoke, "--as-of", "2003-07", "list", "--operation", "isaf") == []


@pytest.mark.parametrize("args", [["timeline"], ["show", "japan"], ["sources"], ["search", "ō"]])
def test_json_output_is_what_the_standard_library_writes(invoke: Invoke, args: list[str]) -> None:
    out = invoke(*args, "--json").stdout
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


def test_markdown_shows_markup_in_the_data_literally(invoke: Invoke, tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
    edited = tmp_path / "markup.toml"
    edited.write_text(
        text.replace('name = "Fixtureland"', 'name = "*Fixture* <b>land</b>"'), "utf-8"
    )
    result = invoke("list", "--format", "markdown", "--fields", "name", data=edited)
    assert result.exit_code == 0, result.output
    assert "| \\*Fixture\\* \\<b\\>land\\</b\\> |" in result.stdout.splitlines()
