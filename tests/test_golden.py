"""Golden files: what people see, as plain text at fixed widths, reviewed in the diff.

Regenerate after a deliberate change with ``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Invoke, plain

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "list-80.txt": (["list"], 80),
    "list-40.txt": (["list"], 40),
    "show-japan-80.txt": (["show", "japan"], 80),
    "timeline-2022-80.txt": (["timeline", "--since", "2022", "--until", "2022"], 80),
    "chart-100.txt": (["timeline", "--chart", "--since", "2000"], 100),
    "operations-kfor-60.txt": (["operations", "kfor"], 60),
    "operations-100.txt": (["operations"], 100),
    "glossary-ipcp-80.txt": (["glossary", "ipcp"], 80),
    "sources-250.txt": (["sources"], 250),
    "sources-160.txt": (["sources"], 160),
    "list-2017-80.txt": (["--as-of", "2017-05-19", "list"], 80),
    "list-160.txt": (["list"], 160),
    "show-japan-40.txt": (["show", "japan"], 40),
    "show-korea-160.txt": (["show", "korea"], 160),
    "chart-40.txt": (["timeline", "--chart", "--since", "2000"], 40),
    "chart-250.txt": (["timeline", "--chart"], 250),
}


@pytest.mark.parametrize("name", list(CASES))
def test_human_output_matches_its_golden_file(invoke: Invoke, name: str) -> None:
    args, width = CASES[name]
    result = invoke(*args, "--format", "table", env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0
    text = plain(result.stdout)
    # Every line fits, but a sheet's URL, kept whole on its own line so it can be opened.
    assert max(len(line) for line in text.splitlines() if "://" not in line) <= width
    assert all(line == line.rstrip() for line in text.splitlines())  # no trailing spaces
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"UPDATE_GOLDEN=1 to accept: {name}"
