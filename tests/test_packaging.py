"""A wheel holds the source tree as it is when built: no leftover build output, no old dataset.

Each test builds wheels from a copy of the tree with ``pip wheel --no-build-isolation`` (the
build backend comes with the test extra, so nothing is downloaded). They need the source tree,
which a checkout and an unpacked sdist have, and skip elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from email.parser import HeaderParser
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
BUILD_INPUTS = ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "src", "data")
DATA = "natopartners/data"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        not all((ROOT / name).exists() for name in BUILD_INPUTS),
        reason="needs the source tree (a checkout or an unpacked sdist)",
    ),
]


def _copy_of_the_tree(destination: Path) -> Path:
    """The files a wheel is built from, copied with their modification times."""
    destination.mkdir(exist_ok=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return destination


def _build_wheel(tree: Path, out: Path) -> Path:
    """Build the wheel of ``tree`` into ``out`` as a user would, and return its path."""
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    result = subprocess.run(
        [*pip, "--wheel-dir", str(out), str(tree)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("natopartners-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """The wheel of the current tree, built beside what an old setuptools build left behind."""
    tree = _copy_of_the_tree(tmp_path_factory.mktemp("tree"))
    leftover = tree / "build" / "lib" / "natopartners"
    (leftover / "data").mkdir(parents=True)
    (leftover / "ghost.py").write_text("GHOST = True\n", encoding="utf-8")
    (leftover / "data" / "partners.toml").write_text("# an old dataset\n", encoding="utf-8")
    with zipfile.ZipFile(_build_wheel(tree, tmp_path_factory.mktemp("dist"))) as built:
        yield built


def test_the_wheel_carries_the_dataset_and_its_json_snapshot(wheel: zipfile.ZipFile) -> None:
    source = (ROOT / "data" / "partners.toml").read_bytes()
    assert wheel.read(f"{DATA}/partners.toml") == source
    assert json.loads(wheel.read(f"{DATA}/partners.json")) == tomllib.loads(source.decode())


def test_the_wheel_holds_the_package_and_nothing_left_over(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    package = {
        f"natopartners/{path.relative_to(ROOT / 'src' / 'natopartners').as_posix()}"
        for path in (ROOT / "src" / "natopartners").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "natopartners/py.typed" in package
    assert {name for name in names if ".dist-info/" not in name} == package | {
        f"{DATA}/partners.toml",
        f"{DATA}/partners.json",
    }


def test_the_wheel_metadata_names_the_license(wheel: zipfile.ZipFile) -> None:
    (metadata,) = (name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
    headers = HeaderParser().parsestr(wheel.read(metadata).decode())
    assert headers["License-Expression"] == "MIT"
    assert headers["License-File"] == "LICENSE"
    licence = metadata.replace("METADATA", "licenses/LICENSE")
    assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()


def test_a_rebuild_ships_the_edited_data_and_not_a_deleted_module(tmp_path: Path) -> None:
    tree = _copy_of_the_tree(tmp_path / "tree")
    out = tmp_path / "dist"
    with zipfile.ZipFile(_build_wheel(tree, out)) as first:
        assert "natopartners/schemas.py" in first.namelist()

    # Edit the dataset but give it an older time, as `cp -p`, `tar` and `rsync -t` do, so a
    # backend judging freshness by modification time would keep its previous copy.
    data = tree / "data" / "partners.toml"
    before = data.stat().st_mtime
    text = data.read_text(encoding="utf-8")
    edited = re.sub(r'^version = "[^"]*"', 'version = "2099.01"', text, count=1, flags=re.M)
    assert edited != text
    data.write_text(edited, encoding="utf-8")
    os.utime(data, (before - 86_400, before - 86_400))
    (tree / "src" / "natopartners" / "schemas.py").unlink()

    with zipfile.ZipFile(_build_wheel(tree, out)) as second:
        assert "natopartners/schemas.py" not in second.namelist()
        assert second.read(f"{DATA}/partners.toml").decode() == edited
        snapshot = json.loads(second.read(f"{DATA}/partners.json"))
        assert snapshot["dataset"]["version"] == "2099.01"
        assert snapshot == tomllib.loads(edited)
