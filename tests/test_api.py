"""The Python API: the README's examples run, and the API answers as the CLI's JSON does."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest

import natopartners
from natopartners import reference
from tests.conftest import Invoke, json_of

README = Path(__file__).parent.parent / "README.md"


def test_the_readme_python_examples_run() -> None:
    if not README.exists():  # pragma: no cover - an installed copy without the README
        pytest.skip("README.md is not beside the tests")
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    test = doctest.DocTestParser().get_doctest(section, {}, "README", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0
    assert runner.tries >= 5


def test_the_api_module_examples_run() -> None:
    failures, tries = doctest.testmod(reference)
    assert (failures, tries > 0) == (0, True)


@pytest.mark.parametrize(
    ("cli", "answer"),
    [
        (["list"], lambda d: d.partners()),
        (["show", "ROK"], lambda d: d.partner("ROK")),
        (["--as-of", "2014", "list", "-r", "consulted"],
         lambda d: d.on("2014").partners(relationship="consulted")),
        (["timeline", "--partner", "japan", "--since", "2022"],
         lambda d: d.timeline(partner="japan", since="2022")),
        (["changes", "2014", "2024"], lambda d: d.changes("2014", "2024")),
        (["operations", "isaf"], lambda d: d.operation("isaf")),
        (["glossary"], lambda d: d.terms()),
        (["search", "piracy"], lambda d: d.search("piracy")),
    ],
)  # fmt: skip
def test_the_api_gives_what_the_json_output_gives(
    invoke: Invoke, cli: list[str], answer: object
) -> None:
    assert callable(answer)
    assert json.loads(json.dumps(answer(natopartners.load()))) == json_of(invoke, *cli)


def test_errors_are_the_projects_own_and_the_usual_builtins() -> None:
    data = natopartners.load()
    with pytest.raises(LookupError) as found:
        data.partner("atlantis")
    assert isinstance(found.value, natopartners.NotFoundError)
    with pytest.raises(natopartners.UsageError):
        data.changes("2024", "2014")
    with pytest.raises(ValueError, match="not a date"):
        data.on("yesterday")
    with pytest.raises(natopartners.DataError):
        natopartners.load("/nonexistent.toml")


def test_the_api_loads_no_rich_and_prints_nothing(tmp_path: Path) -> None:
    code = (
        "import sys, natopartners; d = natopartners.load(); d.partner('japan'); d.timeline();"
        "found = sorted(m for m in sys.modules if m.split('.')[0] in {'rich', 'typer'});"
        "sys.exit(', '.join(found) or None)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
