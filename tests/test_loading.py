"""Loading: the bundled file through importlib.resources, and one clear line per problem."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import natopartners
from natopartners import loading
from natopartners.errors import DataError
from natopartners.resources import bundled_data, bundled_source
from tests.conftest import FIXTURES, tomllib

HISTORY = FIXTURES / "history.toml"


def test_the_bundled_file_loads_through_the_package() -> None:
    name, raw = bundled_data()
    assert name in {"partners.json", "partners.toml"}  # the snapshot in a wheel, else the TOML
    assert loading.parse(raw, name, "json" if name.endswith(".json") else "toml").partners
    assert loading.bundled_dataset() is loading.bundled_dataset()  # parsed once


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "bad.toml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    with pytest.raises(DataError) as caught:
        loading.load_file(path)
    return [problem.replace(str(path), "bad.toml") for problem in caught.value.problems]


def test_every_schema_problem_is_reported_with_its_record(mini: Path, tmp_path: Path) -> None:
    text = mini.read_text(encoding="utf-8")
    text = text.replace('iso3 = "FXL"', 'iso3 = "fx"').replace('since = "1999"', 'sincee = "1999"')
    text = text.replace('kind = "summit"', 'kind = "sumit"')
    problems = _problems(tmp_path, text)
    assert problems == [
        "bad.toml: partners[fixture].iso3: String should match pattern '^[A-Z]{3}$'",
        "bad.toml: partners[fixture].contributions[0].sincee: unknown key 'sincee'"
        " (did you mean 'since'?)",
        "bad.toml: events[summit].kind: Input should be 'summit', 'ministerial', 'policy',"
        " 'dialogue', 'statement' or 'operation'",
    ]


def test_dangling_references_are_all_reported(mini: Path, tmp_path: Path) -> None:
    text = mini.read_text(encoding="utf-8")
    text = text.replace('operation = "op"', 'operation = "opx"').replace(
        'partners = ["fixture"]', 'partners = ["fixtur", "nobody"]'
    )
    assert _problems(tmp_path, text) == [
        "bad.toml: partners[fixture].contributions[0].operation: unknown operation 'opx'"
        " (did you mean 'op'?)",
        "bad.toml: events[summit].partners[0]: unknown country 'fixtur' (did you mean 'fixture'?)",
        "bad.toml: events[summit].partners[1]: unknown country 'nobody'",
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('terms = ["ipcp"]', 'terms = ["ipcx"]', "terms[0]: unknown term 'ipcx'"),
        ('terms = ["ipcp"]', 'terms = ["ipcp"]\noperations = ["x"]', "operations[0]: unknown"),
        (
            'terms = ["ipcp"]\nsources = [{ source = "src" }]',
            'terms = ["ipcp"]\nsources = [{ source = "src" }, { source = "srx" }]',
            "sources[1].source: unknown source 'srx'",
        ),
    ],
)
def test_every_name_an_event_gives_is_checked(
    mini: Path, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    # The events are first checked as a table, then one by one where the table fails.
    text = mini.read_text(encoding="utf-8")
    assert old in text
    (found,) = _problems(tmp_path, text.replace(old, new))
    assert found.startswith(f"bad.toml: events[summit].{problem}")


def test_periods_out_of_order_and_dates_past_as_of_are_reported(tmp_path: Path) -> None:
    text = HISTORY.read_text(encoding="utf-8")
    shuffled = text.replace(
        '{ value = "itpp", since = "2021-12-08"', '{ value = "itpp", since = "2011"'
    )
    assert _problems(tmp_path, shuffled) == [
        "bad.toml: partners[alpha]: programme[1] (2011) starts before programme[0] (2017-05):"
        " periods must be in order of their start",
    ]
    late = text.replace('date = "2010-11"', 'date = "2030"')
    assert _problems(tmp_path, late) == [
        "bad.toml: events[summit-2010].date: 2030 is after the data's as_of (2024-10-03)",
    ]


def test_a_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, '[dataset]\ntitle = "x"\nversion = \n')
    assert problem.startswith("bad.toml: not valid TOML: ")
    assert "line 3, column 11" in problem


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad.toml: the file is empty"),
        (b"  \n\n", "bad.toml: the file is empty"),
        (b"title = '\xff\xfe'", "bad.toml: not UTF-8 text (byte 9)"),
        (b"x = 1", "bad.toml: dataset: required key is missing"),
    ],
)
def test_unreadable_content_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    assert _problems(tmp_path, content)[0] == message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        loading.load_file(tmp_path / "nope.toml")
    with pytest.raises(DataError, match="is a directory"):
        loading.load_file(tmp_path)


def test_an_oversized_file_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "MAX_BYTES", 10)
    (problem,) = _problems(tmp_path, "# " + "x" * 20)
    assert "refusing to load" in problem


def test_loading_leaves_the_callers_collector_alone(mini: Path) -> None:
    """A library must not freeze its caller's objects: a notebook's garbage stays collectable."""
    frozen = gc.get_freeze_count()
    cycle: list[object] = []
    cycle.append(cycle)  # garbage only the collector can free, alive while loading
    loading.load_file(mini)
    natopartners.load(mini)
    assert gc.get_freeze_count() == frozen
    assert id(cycle) in {id(o) for o in gc.get_objects()}  # still in the collector's sight


def test_loading_leaves_the_collector_alone(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not paused while loading either: a caller's other threads keep their collector."""
    touched: list[str] = []
    for name in ("disable", "enable", "freeze", "collect"):
        monkeypatch.setattr(gc, name, lambda *_, name=name: touched.append(name))
    loading.load_file(mini)
    loading.parse(mini.read_bytes(), "mini.toml")
    assert touched == []


def test_a_json_snapshot_of_the_bundled_toml_is_the_same_dataset() -> None:
    """What a wheel may carry instead of the TOML: strict JSON validation accepts it as is."""
    document = tomllib.loads(bundled_source().decode("utf-8"))
    snapshot = json.dumps(document, ensure_ascii=False).encode()
    assert loading.parse(snapshot, "partners.json", "json") == loading.bundled_dataset()
