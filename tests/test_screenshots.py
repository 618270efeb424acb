"""The README's pictures are the tool's own output: regenerating one must give the same SVG."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts/screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["show-japan.svg", "chart.svg"])
def test_a_readme_picture_matches_the_current_output(name: str) -> None:
    script = _script()
    expected = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert script.render_svg(script.PICTURES[name]) == expected, "run python scripts/screenshots.py"


def test_every_picture_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _script().PICTURES:
        assert f"docs/{name}" in readme
