"""A JSON data file is as strict as a TOML one: an object that gives a key twice is refused, at
any depth, however the key is spelled (``"na\\u006de"`` is ``"name"``), with one line a repeat
naming the file, the record path and the line and column, as every other problem is named.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natopartners import loading
from natopartners.errors import DataError
from tests.conftest import FIXTURES, Invoke, tomllib


def mini_json() -> str:
    """tests/fixtures/mini.toml as JSON, one key a line."""
    document = tomllib.loads((FIXTURES / "mini.toml").read_text(encoding="utf-8"))
    return json.dumps(document, ensure_ascii=False, indent=2)


def insert(text: str, marker: str, line: str, *, before: bool = False) -> tuple[str, int, int]:
    """``text`` with ``line`` put after (or before) its first line that reads ``marker`` once
    stripped, indented alike; and the line and column (from 1) where ``line`` starts."""
    lines = text.splitlines()
    at = next(i for i, old in enumerate(lines) if old.strip() == marker)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    at += 0 if before else 1
    lines.insert(at, indent + line)
    return "\n".join(lines) + "\n", at + 1, len(indent) + 1


def problems(text: str, name: str = "bad.json") -> list[str]:
    with pytest.raises(DataError) as raised:
        loading.parse(text.encode(), name, "json")
    return list(raised.value.problems)


def test_the_fixture_as_json_is_valid() -> None:
    """Keys repeated in sibling objects, and a key inside a value of the same name, are fine."""
    text = mini_json()
    assert loading.parse(text.encode(), "mini.json", "json").partners[0].name == "Fixtureland"
    assert not loading._repeats_a_key(text.encode())


@pytest.mark.parametrize(
    ("marker", "line", "before", "where"),
    [
        # the top level
        (
            '"sources": [',
            '"dataset": {"title": "t", "version": "1", "as_of": "2020-01-02"},',
            True,
            "dataset",
        ),
        # a record
        ('"name": "Fixtureland",', '"name": "Again",', False, "partners[fixture].name"),
        # a period inside a record
        (
            '"value": "global-partner",',
            '"value": "consulted",',
            False,
            "partners[fixture].relationship[0].value",
        ),
        # a citation inside a record
        ('"section": "Intro"', '"source": "src",', True, "partners[fixture].sources[0].source"),
        # a citation inside a contribution inside a record
        (
            '"section": "Ops"',
            '"source": "src",',
            True,
            "partners[fixture].contributions[0].sources[0].source",
        ),
        # a key spelled with an escape is the same key
        ('"name": "Fixtureland",', '"na\\u006de": "Again",', False, "partners[fixture].name"),
        ('"id": "src",', '"\\u0069d": "src",', False, "sources[src].id"),
    ],
)
def test_a_key_given_twice_is_refused_at_any_depth(
    marker: str, line: str, before: bool, where: str
) -> None:
    text, line_number, column = insert(mini_json(), marker, line, before=before)
    json.loads(text)  # still JSON
    assert problems(text) == [
        f"bad.json: {where}: key given twice (line {line_number}, column {column})"
    ]


def test_toml_refuses_the_same_file_as_json_does(tmp_path: Path) -> None:
    toml = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
    toml = toml.replace('name = "Fixtureland"\n', 'name = "Fixtureland"\nname = "Again"\n')
    with pytest.raises(DataError, match=r"bad\.toml: not valid TOML: Can ?not overwrite a value"):
        loading.parse(toml.encode(), "bad.toml", "toml")
    text, *_ = insert(mini_json(), '"name": "Fixtureland",', '"name": "Again",')
    with pytest.raises(DataError, match=r"bad\.json: partners\[fixture\]\.name: key given twice"):
        loading.parse(text.encode(), "bad.json", "json")


def test_each_repeat_is_reported_in_the_order_of_the_file() -> None:
    text, first, column = insert(mini_json(), '"name": "Fixtureland",', '"name": "Again",')
    text, second, _ = insert(text, '"name": "Again",', '"name": "Once more",')
    text, third, _ = insert(text, '"title": "A summit",', '"kind": "summit",')
    assert problems(text) == [
        f"bad.json: partners[fixture].name: key given twice (line {first}, column {column})",
        f"bad.json: partners[fixture].name: key given 3 times (line {second}, column {column})",
        f"bad.json: events[summit].kind: key given twice (line {third}, column {column})",
    ]


def test_repeats_are_reported_alone_even_beside_other_problems() -> None:
    """As TOML stops at a repeated key: which other problems there are depends on which of the
    values a reader keeps."""
    text, line, column = insert(mini_json(), '"name": "Fixtureland",', '"name": 5,')
    text = text.replace('"iso2": "FX"', '"iso2": "FX", "sincee": {"a": 1, "a": 2}')
    found = problems(text)
    assert found[0] == (
        f"bad.json: partners[fixture].name: key given twice (line {line}, column {column})"
    )
    assert found[1].startswith("bad.json: partners[fixture].sincee.a: key given twice (line ")
    assert len(found) == 2


def test_a_repeat_inside_an_unknown_key_is_found_too() -> None:
    text = mini_json().replace('"iso2": "FX"', '"iso2": "FX", "extra": [{"k": 1, "k": 1}]')
    (found,) = problems(text)
    assert found.startswith("bad.json: partners[fixture].extra[0].k: key given twice (line ")


def test_many_repeats_give_at_most_max_problems_lines() -> None:
    count = loading.MAX_PROBLEMS + 50
    text, *_ = insert(
        mini_json(), '"name": "Fixtureland",', ", ".join(['"aliases": []'] * count) + ","
    )
    found = problems(text)
    assert len(found) == loading.MAX_PROBLEMS + 1
    assert found[0].startswith("bad.json: partners[fixture].aliases: key given twice (line ")
    assert "key given 101 times" in found[loading.MAX_PROBLEMS - 1]
    assert found[-1] == f"bad.json: … and {count - loading.MAX_PROBLEMS} more problems"


def test_a_file_on_one_line_or_with_a_byte_order_mark_is_placed_right() -> None:
    compact = '{"dataset": {"title": "t", "title": "u"}}'
    assert problems(compact)[0] == "bad.json: dataset.title: key given twice (line 1, column 28)"
    with pytest.raises(DataError) as raised:
        loading.parse(b"\xef\xbb\xbf" + compact.encode(), "bad.json", "json")
    assert (
        raised.value.problems[0] == "bad.json: dataset.title: key given twice (line 1, column 28)"
    )
    crlf = '{\r\n"dataset": {\r\n  "title": "t",\r\n  "title": "u"}}'
    assert problems(crlf)[0] == "bad.json: dataset.title: key given twice (line 4, column 3)"


def test_a_key_with_odd_characters_is_named_escaped() -> None:
    (found,) = problems('{"dataset": {"\\u001b[2J": 1, "\\u001b[2J": 2}}')
    assert found == "bad.json: dataset['\\x1b[2J']: key given twice (line 1, column 30)"


def test_validate_and_every_command_refuse_the_file(invoke: Invoke, tmp_path: Path) -> None:
    text, line, column = insert(mini_json(), '"name": "Fixtureland",', '"name": "Again",')
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    for args in (["validate", str(bad)], ["--data", str(bad), "list"]):
        result = invoke(*args)
        assert result.exit_code == 3, result.output
        assert result.stdout == ""
        assert result.stderr == (
            f"natopartners: {bad}: partners[fixture].name: key given twice"
            f" (line {line}, column {column})\n"
        )


def test_the_bundled_snapshot_is_not_scanned_but_every_other_file_is() -> None:
    """The snapshot is json.dumps of the parsed TOML, so it cannot repeat a key (and the scan
    would cost every run); ``unique_keys`` is how its loader says so."""
    text, *_ = insert(mini_json(), '"name": "Fixtureland",', '"name": "Again",')
    trusted = loading.parse(text.encode(), "partners.json", "json", unique_keys=True)
    assert trusted.partners[0].name == "Again"  # what pydantic-core keeps: the last
    with pytest.raises(DataError):
        loading.parse(text.encode(), "partners.json", "json")


# --- The locator, on any JSON ------------------------------------------------------------------


@dataclass
class Obj:
    """A JSON object as written: its pairs in order, a key perhaps more than once."""

    pairs: list[tuple[str, Tree]]


Tree = None | bool | int | float | str | list["Tree"] | Obj
Found = list[tuple[tuple[int | str, ...], int, int]]

KEYS = st.sampled_from(["a", "b", "name", "é", "", '"', "\\", "\n", "\U0001f600", "x y"])
TREES: st.SearchStrategy[Tree] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(st.tuples(KEYS, inner), max_size=5).map(Obj)
    ),
    max_leaves=20,
)


def write(tree: Tree, rng: random.Random) -> tuple[str, Found]:
    """``tree`` as JSON text with random spacing and keys escaped at random, and the repeats
    ``loading._repeats`` must find: path, offset of the repeat's opening quote, count so far."""
    parts: list[str] = []
    size = 0
    found: Found = []

    def put(text: str) -> None:
        nonlocal size
        parts.append(text)
        size += len(text)

    def space() -> None:
        put(rng.choice(["", "", " ", "\n", "\t", "\r\n  "]))

    def key_text(key: str) -> str:
        if rng.random() < 0.5:
            return json.dumps(key, ensure_ascii=rng.random() < 0.5)
        return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in key) + '"'

    def walk(value: Tree, path: tuple[int | str, ...]) -> None:
        space()
        if isinstance(value, Obj):
            put("{")
            seen: dict[str, int] = {}
            for i, (key, item) in enumerate(value.pairs):
                if i:
                    space()
                    put(",")
                space()
                times = seen[key] = seen.get(key, 0) + 1
                if times > 1:
                    found.append(((*path, key), size, times))
                put(key_text(key))
                space()
                put(":")
                walk(item, (*path, key))
            space()
            put("}")
        elif isinstance(value, list):
            put("[")
            for i, item in enumerate(value):
                if i:
                    space()
                    put(",")
                walk(item, (*path, i))
            space()
            put("]")
        else:
            put(json.dumps(value))
        space()

    walk(tree, ())
    return "".join(parts), found


@given(TREES, st.randoms(use_true_random=False))
def test_the_locator_finds_every_repeat_where_it_is(tree: Tree, rng: random.Random) -> None:
    text, expected = write(tree, rng)
    json.loads(text)  # valid JSON
    assert loading._repeats(text) == expected
    assert loading._repeats_a_key(text.encode()) == bool(expected)


def test_what_json_cannot_read_is_still_searched_as_far_as_it_goes() -> None:
    """pydantic-core and ``json`` agree on what JSON is, but should one ever read a text the
    other refuses, the repeats before the point where ``json`` stops are still found."""
    assert loading._repeats_a_key(b'{"a": 1, "a": 2, "b": [01]}')
    assert not loading._repeats_a_key(b'{"a": 1, "b": [01]}')
