"""Hatchling build hook: put the dataset into a wheel, with a JSON snapshot made from it.

The dataset lives at the repository root (``data/partners.toml``), outside the package. A wheel
gets it as ``natopartners/data/partners.toml`` and, beside it, ``partners.json``: the same data
parsed and written as JSON, which loads faster than TOML. Both are made from the tree being
built, every build, so neither can be older than the other or than the source.

An editable install gets neither: ``natopartners.resources`` reads the checkout's file instead,
so an edit to it shows without reinstalling.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.config import BuilderConfig
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SOURCE = Path("data") / "partners.toml"
PACKAGE_DATA = "natopartners/data"


def snapshot(toml_text: str) -> str:
    """The JSON snapshot of a dataset: its parsed TOML, compact, non-ASCII kept as is.

    Fails (TypeError) if the TOML holds a value JSON cannot express, such as a TOML date:
    the dataset writes dates as strings, and a snapshot must not change their type.
    """
    return json.dumps(tomllib.loads(toml_text), ensure_ascii=False, separators=(",", ":"))


class DatasetHook(BuildHookInterface[BuilderConfig]):
    """Adds ``partners.toml`` and its JSON snapshot to a standard (non-editable) wheel."""

    PLUGIN_NAME = "custom"
    # The folder holding the snapshot until the wheel is written; an object, not a path, so
    # that it is removed even when the build fails before finalize().
    _scratch: tempfile.TemporaryDirectory[str] | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        source = Path(self.root) / SOURCE
        self._scratch = tempfile.TemporaryDirectory(prefix="natopartners-build-")
        json_path = Path(self._scratch.name) / "partners.json"
        json_path.write_text(snapshot(source.read_text(encoding="utf-8")), encoding="utf-8")
        build_data["force_include"][str(source)] = f"{PACKAGE_DATA}/partners.toml"
        build_data["force_include"][str(json_path)] = f"{PACKAGE_DATA}/partners.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
