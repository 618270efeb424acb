"""A value is spelled the same in every text format: CSV, TSV and Markdown write each value as
JSON would, by one rule (``machine.cell``), so ``true`` is never ``True`` in one and ``true``
in another, even in the same row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natopartners.render import machine
from tests.conftest import Invoke, json_of
from tests.test_markdown import cells_of


def spelled(value: Any) -> str:
    """The rule, written out again: text as it is, null empty, a list of strings joined with
    ``; ``, everything else (true, false, numbers, other lists, records) as compact JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (None, ""),
        ("", ""),
        ("True", "True"),  # text from the data stays as written
        (0, "0"),
        (132, "132"),
        (-1, "-1"),
        (2.5, "2.5"),
        (1e16, "1e+16"),
        ([], ""),
        (["japan"], "japan"),
        (["japan", "korea"], "japan; korea"),
        ([1, 2], "[1,2]"),
        ([True, None], "[true,null]"),
        (["a", 1], '["a",1]'),
        ({"a": True, "b": None, "c": [1.5], "d": "ō"}, '{"a":true,"b":null,"c":[1.5],"d":"ō"}'),
        ([{"x": False}], '[{"x":false}]'),
    ],
)
def test_one_rule_spells_every_value(value: Any, text: str) -> None:
    assert machine.cell(value) == text


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(JSON)
def test_what_is_not_text_is_written_as_json_writes_it(value: Any) -> None:
    text = machine.cell(value)
    if isinstance(value, str):
        assert text == value
    elif value is None:
        assert text == ""
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        assert text == "; ".join(value)
    else:
        assert json.loads(text) == value
        assert text == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


COMMANDS = [
    ["list"],
    ["timeline"],
    ["show", "japan"],
    ["operations"],
    ["operations", "isaf"],
    ["glossary"],
    ["glossary", "ipcp"],
    ["sources"],
    ["search", "piracy"],
    ["changes", "2010", "2020"],
]


def _records(invoke: Invoke, args: list[str]) -> list[dict[str, Any]]:
    value = json_of(invoke, *args)
    rows: list[dict[str, Any]] = value if isinstance(value, list) else [value]
    assert rows
    return rows


def _output(invoke: Invoke, args: list[str], fmt: str) -> str:
    result = invoke(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


_TSV_ESCAPE = re.compile(r"\\(\\|t|n|r|u2028|u2029)")
_TSV_CHARS = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "u2028": "\u2028", "u2029": "\u2029"}


def _tsv_value(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_CHARS[m.group(1)], text)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_text_format_spells_every_value_as_json_does(invoke: Invoke, args: list[str]) -> None:
    records = _records(invoke, args)
    fields = list(records[0])
    expected = [[spelled(record[name]) for name in fields] for record in records]

    csv_rows = list(csv.reader(io.StringIO(_output(invoke, args, "csv"), newline="")))
    assert csv_rows == [fields, *expected]

    lines = _output(invoke, args, "tsv").splitlines()
    assert [[_tsv_value(v) for v in line.split("\t")] for line in lines] == [fields, *expected]

    table = cells_of(_output(invoke, args, "markdown"))
    assert [[c.text for c in row] for row in table] == [fields, *expected]


@pytest.mark.parametrize("args", [["timeline"], ["changes", "2010", "2020"]], ids=" ".join)
def test_a_flag_reads_true_or_false_like_the_json_beside_it(
    invoke: Invoke, args: list[str]
) -> None:
    """The issue's case: CSV and TSV wrote a row's flags True/False, its nested JSON true/false."""
    records = _records(invoke, args)
    flags = {name for record in records for name, v in record.items() if isinstance(v, bool)}
    assert flags
    for fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(_output(invoke, args, fmt)), **_DIALECT[fmt]))
        assert {row[name] for row in rows for name in flags} <= {"true", "false"}
        assert not any(
            re.search(r"\b(True|False)\b", cell) for row in rows for cell in row.values()
        )


_DIALECT: dict[str, dict[str, Any]] = {
    "csv": {},
    "tsv": {"delimiter": "\t", "quoting": csv.QUOTE_NONE},
}
