"""Hostile input: random documents and mutations of the bundled data only ever raise DataError."""

from __future__ import annotations

import copy
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natopartners import loading
from natopartners.errors import DataError
from natopartners.resources import bundled_source
from tests.conftest import tomllib

NAME = "fuzz.toml"
# A location is a path of plain keys, [index] or [id], and ['quoted'] odd keys.
LOCATED = re.compile(
    r"^fuzz\.toml: (not valid TOML: |not UTF-8 text |the file is empty$|\(top level\): |"
    r"\u2026 and (\d+ )?more problems$|"  # the line that counts problems past the first 100
    r"([\w-]+|\.[\w-]+|\[[\w-]+\]|\['.*?'\]|\[\".*?\"\])+: \S)"
)
BUNDLED: dict[str, Any] = tomllib.loads(bundled_source().decode("utf-8"))
ODD = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["\x1b[2J", "[bold]x[/]", "\u202e", "\ud7ff", "isfa", "", "1990s", "2011-13"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _assert_only_data_errors(run: Any) -> None:
    try:
        run()
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert LOCATED.match(problem), problem


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BUNDLED)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(PATHS), st.sampled_from(["delete", "replace"]), ODD),
        min_size=1,
        max_size=4,
    )
)
def test_mutations_of_the_bundled_data_fail_cleanly(
    mutations: list[tuple[tuple[Any, ...], str, Any]],
) -> None:
    document = copy.deepcopy(BUNDLED)
    for path, action, value in mutations:
        parent: Any = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the way there
    _assert_only_data_errors(lambda: loading.validate(document, NAME))


TOML_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "[dataset]",
                "[[sources]]",
                "[[partners]]",
                "[[partners.contributions]]",
                'id = "x"',
                "as_of = 2020-01-01",
                'title = "t"',
                "x = [1, 2",
                'summary = """',
                "= 1",
                "sources = [{ source = 1 }]",
            ]
        ),
        st.text(max_size=20),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(TOML_LINES.map("\n".join).map(str.encode), st.binary(max_size=64)))
def test_random_documents_fail_cleanly(raw: bytes) -> None:
    _assert_only_data_errors(lambda: loading.parse(raw, NAME))
