"""Hostile data files: whatever a file holds or is, loading gives a Dataset or a DataError.

A DataError's problems are single lines of printable text that echo names and values escaped
and cut. Files that are not regular files are refused at once, without blocking.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natopartners import loading
from natopartners.errors import DataError, shown
from natopartners.models import Dataset
from tests.conftest import FIXTURES, tomllib

MINI: dict[str, Any] = tomllib.loads((FIXTURES / "mini.toml").read_text(encoding="utf-8"))


def _problems_of(path: str | Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        loading.load_file(path)
    problems = caught.value.problems
    assert problems
    assert all(p.isprintable() for p in problems), problems  # no newline, escape or bidi
    return problems


def _written(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("japan", "'japan'"),
        ("Côte d'Ivoire", '"Côte d\'Ivoire"'),
        ("\x1b]0;title\x07", "'\\x1b]0;title\\x07'"),
        ("a\u202eb\u2066c\u200fd\u061ce", "'a\\u202eb\\u2066c\\u200fd\\u061ce'"),
        ("a\u200bb\u2060c\ufeffd", "'a\\u200bb\\u2060c\\ufeffd'"),
        ("a\u2028b\u2029c\nd\x85", "'a\\u2028b\\u2029c\\nd\\x85'"),
        ("a" * 100_000, "'" + "a" * 80 + "…' (100000 characters)"),
    ],
)
def test_shown_quotes_escapes_and_cuts(text: str, expected: str) -> None:
    assert shown(text) == expected
    assert shown(text).isprintable()


def test_shown_leaves_a_plain_name_bare_only_when_asked() -> None:
    assert shown("partners.toml", quote_plain=False) == "partners.toml"
    assert shown("my data.toml", quote_plain=False) == "'my data.toml'"
    assert shown("", quote_plain=False) == "''"
    assert shown("x" * 10, 4, quote_plain=False) == "'xxxx…' (10 characters)"


@given(st.text())
def test_shown_is_always_one_printable_line(text: str) -> None:
    assert shown(text).isprintable()
    assert len(shown(text)) <= 10 * 80 + 40  # at worst 80 escapes like \U000e0001, the length


# Deep nesting: a RecursionError in a parser, or pydantic-core's own limit, says so.
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("deep.toml", "x = " + "[" * 500 + "]" * 500, "nested too deeply to be read"),
        ("deep.toml", "x = " + "{a = " * 500 + "1" + "}" * 500, "nested too deeply to be read"),
        ("deep.json", "[" * 500 + "]" * 500, "nested too deeply to be read at line 1 column 202"),
        (
            "deep.json",
            '{"a": ' * 100_000 + "1" + "}" * 100_000,
            "nested too deeply to be read at line 1 column 1207",
        ),
    ],
)
def test_deep_nesting_is_one_clear_problem(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = _written(tmp_path, name, content)
    assert _problems_of(path) == [f"{path}: {message}"]


@pytest.mark.parametrize("name", ["mini.toml", "mini.json", "MINI.JSON"])
def test_a_utf8_byte_order_mark_is_skipped(tmp_path: Path, name: str) -> None:
    text = (
        json.dumps(MINI)
        if name.lower().endswith(".json")
        else (FIXTURES / "mini.toml").read_text(encoding="utf-8")
    )
    data = loading.load_file(_written(tmp_path, name, b"\xef\xbb\xbf" + text.encode()))
    assert [p.id for p in data.partners] == ["fixture", "other"]


def test_json_and_toml_of_the_same_data_give_the_same_dataset(tmp_path: Path) -> None:
    as_json = loading.load_file(_written(tmp_path, "mini.json", json.dumps(MINI)))
    assert as_json == loading.load_file(FIXTURES / "mini.toml")


def test_json_and_toml_report_the_same_problems_in_the_same_words(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(MINI))
    broken["partners"][0]["iso3"] = "fx"
    broken["partners"][0]["contributions"][0]["sincee"] = "1999"
    broken["events"][1]["kind"] = "sumit"
    broken["events"][0]["partners"] = ["nobody"]
    toml_problems = _problems_of(_written(tmp_path, "bad.toml", _toml(broken)))
    json_problems = _problems_of(_written(tmp_path, "bad.json", json.dumps(broken)))
    assert [p.split(": ", 1)[1] for p in json_problems] == [
        p.split(": ", 1)[1] for p in toml_problems
    ]
    assert json_problems == [
        f"{tmp_path}/bad.json: partners[fixture].iso3: String should match pattern '^[A-Z]{{3}}$'",
        f"{tmp_path}/bad.json: partners[fixture].contributions[0].sincee: unknown key 'sincee'"
        " (did you mean 'since'?)",
        f"{tmp_path}/bad.json: events[summit].kind: Input should be 'summit', 'ministerial',"
        " 'policy', 'dialogue', 'statement' or 'operation'",
    ]  # dangling references are checked once the schema holds


def _toml(document: dict[str, Any]) -> str:
    """A minimal TOML writer for the fixture's shapes: each record as an inline table."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_inline(v) for v in value)}]")
        else:
            lines.append(f"{key} = {_inline(value)}")
    return "\n".join(lines)


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return json.dumps(value)


def test_a_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = _written(tmp_path, "bad.json", '{\n  "dataset": {,\n}')
    assert _problems_of(path) == [
        f"{path}: not valid JSON: key must be a string at line 2 column 15"
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1]", "(top level): Input should be an object (got list: [1])"),
        ("null", "(top level): Input should be an object (got NoneType: None)"),
        ('{"a": 1}{', "not valid JSON: trailing characters at line 1 column 9"),
    ],
)
def test_a_json_file_that_is_no_object_says_so(tmp_path: Path, content: str, problem: str) -> None:
    path = _written(tmp_path, "odd.json", content)
    assert _problems_of(path) == [f"{path}: {problem}"]


def _refused_without_blocking(path: str) -> list[str]:
    """The problems of loading ``path``, failing (not hanging) if loading blocks."""
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(_problems_of(path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert found, f"loading {path!r} blocked or did not refuse it"
    return found[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert _refused_without_blocking(str(fifo)) == [
        f"{fifo}: is a named pipe (FIFO), not a data file"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_at_once() -> None:
    assert _refused_without_blocking("/dev/zero") == [
        "/dev/zero: is a character device, not a data file"
    ]


def test_a_directory_a_symlink_loop_and_a_dangling_link_are_refused(tmp_path: Path) -> None:
    assert _problems_of(tmp_path) == [f"{tmp_path}: is a directory, not a data file"]
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    (problem,) = _problems_of(loop)
    assert problem.startswith(f"{loop}: cannot be read (Too many levels of symbolic links")
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "nowhere")
    assert _problems_of(dangling) == [f"{dangling}: no such file"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        (problem,) = _refused_without_blocking(str(path))
    assert problem.startswith(f"{path}: ")


def test_an_empty_path_is_named_as_such() -> None:
    assert _problems_of("") == [
        "the data file's name is empty: give the path of a .toml or .json file"
    ]


def test_an_unreadable_file_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _written(tmp_path, "secret.toml", "x = 1")
    path.chmod(0)
    if os.name != "posix" or os.geteuid() == 0:  # root reads anything: deny it by hand
        monkeypatch.setattr(os, "open", _raise(PermissionError(13, "Permission denied")))
    assert _problems_of(path) == [f"{path}: permission denied"]


def _raise(error: Exception) -> Any:
    def fail(*args: object) -> None:
        raise error

    return fail


def test_a_name_with_a_nul_character_is_no_file() -> None:
    assert _problems_of("data\x00.toml") == [
        "'data\\x00.toml': no such file (a file name cannot hold a NUL character)"
    ]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("evil\x1b[31m.toml", "'evil\\x1b[31m.toml'"),
        ("rtl\u202egnp.toml", "'rtl\\u202egnp.toml'"),
        ("a b.toml", "'a b.toml'"),
    ],
)
def test_file_names_are_echoed_escaped(tmp_path: Path, name: str, shown: str) -> None:
    path = _written(tmp_path, name, "")
    assert _problems_of(path) == [f"'{tmp_path}/{shown[1:]}: the file is empty"]


def test_a_long_file_name_is_cut(tmp_path: Path) -> None:
    name = "x" * 100_000
    (problem,) = _problems_of(name)
    cut = "'" + "x" * loading.NAME_LIMIT + "…' (100000 characters)"
    assert problem == f"{cut}: cannot be read (File name too long)"


def test_the_size_cap_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_BYTES", 16)
    at_cap = _written(tmp_path, "cap.toml", 'x = "' + "a" * 10 + '"')  # 16 bytes
    assert "unknown key 'x'" in _problems_of(at_cap)[-1]
    over = _written(tmp_path, "over.toml", 'x = "' + "a" * 11 + '"')
    assert _problems_of(over) == [f"{over}: larger than 0 MiB, refusing to load"]


def test_echoed_values_are_cut_and_problems_counted(tmp_path: Path) -> None:
    document = {"dataset": {"title": list(range(300_000))}, "sources": [1] * 300_000}
    problems = _problems_of(_written(tmp_path, "big.json", json.dumps(document)))
    assert problems[0].endswith(
        "dataset.title: Input should be a valid string (got list of 300000 items)"
    )
    assert len(problems) == loading.MAX_PROBLEMS + 1
    assert problems[-1] == f"{tmp_path}/big.json: … and 299903 more problems"
    assert max(map(len, problems)) < 300
    long_key = {"x" * 10_000: 1}
    problem = _problems_of(_written(tmp_path, "key.json", json.dumps(long_key)))[-1]
    assert "'" + "x" * 80 + "…' (10000 characters)" in problem
    assert len(problem) - len(str(tmp_path)) < 400  # the key cut to 80 characters, not 10,000


def test_the_bundled_data_loads_without_a_home_and_writes_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"HOME", "XDG_CACHE_HOME"}}
    script = "from natopartners import loading; print(len(loading.bundled_dataset().partners))"
    home = tmp_path / "home"
    home.mkdir()
    for extra in ({}, {"HOME": str(home), "XDG_CACHE_HOME": "relative"}):
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**env, **extra},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, "")
        assert int(done.stdout) > 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert list(home.iterdir()) == []


# Generated files: bytes, TOML-ish lines and JSON documents, under either suffix.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["1990s", "2011-13", "\x1b[2J", "\u202e", "", "0000", "\u0662\u0660"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(["id", "name", "date", "as_of", "sources", "source", "summary", "kind"])


@st.composite
def _mutated_mini(draw: st.DrawFn) -> dict[str, Any]:
    """The valid fixture with a few values replaced: most such files are nearly valid."""
    document: dict[str, Any] = json.loads(json.dumps(MINI))
    for _ in range(draw(st.integers(1, 3))):
        node: Any = document
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            child = node[draw(st.sampled_from(keys))]
            if not isinstance(child, (dict, list)) or not child:
                break
            node = child
        if isinstance(node, dict):
            node[draw(KEYS | st.sampled_from(list(node) or ["x"]))] = draw(JSON_VALUES)
        elif isinstance(node, list):
            node.append(draw(JSON_VALUES))
    return document


def _check_loads_cleanly(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    try:
        assert isinstance(loading.load_file(path), Dataset)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.isprintable(), problem
            assert problem.startswith(f"{path}: "), problem
            assert len(problem) < 1_000, problem


SUFFIX = st.sampled_from(["f.toml", "f.json", "f"])
HOSTILE = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HOSTILE
@given(SUFFIX, st.binary(max_size=200))
def test_random_bytes_load_cleanly(tmp_path: Path, name: str, content: bytes) -> None:
    _check_loads_cleanly(tmp_path, name, content)


@HOSTILE
@given(
    SUFFIX,
    st.lists(
        st.sampled_from(
            [
                "[dataset]",
                "[[sources]]",
                "x = [[[[",
                'id = "\\u202e"',
                "as_of = 2020-01-01",
                "\ufeff",
                "\x00",
                '"""',
                "a.b.c = 1",
                '{"dataset": [',
                "]]]]",
                "}",
            ]
        )
        | st.text(max_size=12),
        max_size=8,
    ).map("\n".join),
)
def test_random_text_loads_cleanly(tmp_path: Path, name: str, text: str) -> None:
    _check_loads_cleanly(tmp_path, name, text.encode("utf-8", "surrogatepass"))


@HOSTILE
@given(_mutated_mini())
def test_mutated_json_documents_load_cleanly(tmp_path: Path, document: dict[str, Any]) -> None:
    _check_loads_cleanly(tmp_path, "f.json", json.dumps(document).encode())
    _check_loads_cleanly(tmp_path, "f.toml", _toml(document).encode("utf-8", "surrogatepass"))
