"""Shared fixtures: a CLI runner and the test data files."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from natopartners.cli import app
from natopartners.loading import bundled_dataset
from natopartners.models import Dataset

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["FIXTURES", "Invoke", "plain", "tomllib"]

FIXTURES = Path(__file__).parent / "fixtures"
# Escape codes: CSI (colour, style) and OSC 8 (hyperlinks, ended by ESC \ or BEL).
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")

Invoke = Callable[..., Result]


def plain(text: str) -> str:
    """Text without escape codes (Typer colours help, and sheets link URLs, when FORCE_COLOR or
    GITHUB_ACTIONS is set)."""
    return ANSI.sub("", text)


@pytest.fixture
def invoke() -> Invoke:
    """Run the app in-process: ``invoke("list", "--json")``; env pins what the test needs."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, data: Path | None = None) -> Result:
        prefix = ["--data", str(data)] if data else []
        return runner.invoke(app, [*prefix, *args], env=env)

    return run


def json_of(invoke: Invoke, *args: str, data: Path | None = None) -> Any:
    """What ``natopartners ARGS --json`` prints, parsed; the command must succeed."""
    result = invoke(*args, "--json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def data() -> Dataset:
    return bundled_dataset()


@pytest.fixture
def mini() -> Path:
    return FIXTURES / "mini.toml"
