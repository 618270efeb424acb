"""The installed command as a shell runs it: pipes, exit codes, streams and ``python -m``."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from natopartners import __version__

BIN = Path(sys.executable).parent / "natopartners"
COMMAND = [str(BIN)] if BIN.exists() else [shutil.which("natopartners") or "natopartners"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    environment.pop("NATOPARTNERS_DATA", None)
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def test_python_dash_m_runs_the_same_app() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "natopartners", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == f"natopartners {__version__}\n"


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["show", "japan", "--json"], 0, ""),
        (["show", "japn"], 1, "natopartners: did you mean: japan?\n"),
        (["lsit"], 2, "No such command 'lsit'."),
        (["list", "--relationship", "nope"], 2, "not one of: global-partner"),
        (["--data", "/nonexistent.toml", "list"], 3, "/nonexistent.toml: no such file\n"),
    ],
)
def test_exit_codes_and_stderr(args: list[str], code: int, stderr: str) -> None:
    result = run(*args)
    assert result.returncode == code
    assert stderr in result.stderr
    assert "Traceback" not in result.stderr


def test_json_is_valid_and_plain_at_any_width_and_colour_setting() -> None:
    for columns in ("20", "80", "400"):
        for args in (["list", "--json"], ["timeline", "--json"], ["show", "korea", "--json"]):
            result = run(*args, COLUMNS=columns, FORCE_COLOR="1", GITHUB_ACTIONS="1")
            assert result.returncode == 0
            assert "\x1b" not in result.stdout
            json.loads(result.stdout)


def test_piped_output_is_tab_separated_without_escape_codes() -> None:
    result = run("list", FORCE_COLOR="1")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id\tname\t")
    assert "\x1b" not in result.stdout
    assert not any(c in result.stdout for c in "│┃╭╰━─")


def test_the_json_path_imports_only_what_json_needs() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "natopartners", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "natopartners.cli" in imported
    assert not [name for name in imported if name.split(".")[0] == "rich"]
    # Words for people, other formats' writers and the world's country names: not for JSON.
    for name in ("natopartners.words", "natopartners.render.markdown", "pycountry"):
        assert name not in imported


def test_the_console_script_runs_with_the_collector_off_and_is_the_one_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    from importlib.metadata import entry_points

    from natopartners import __main__ as entry
    from natopartners import cli

    (script,) = entry_points(group="console_scripts", name="natopartners")
    assert script.value == "natopartners.__main__:main"
    seen: list[bool] = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.unfreeze()
        gc.enable()
    assert seen == [False]


def _big_dataset(tmp_path: Path) -> Path:
    """A copy of the test fixture with thousands of partners, so output outlasts a pipe."""
    fixture = (Path(__file__).parent / "fixtures" / "mini.toml").read_text(encoding="utf-8")
    head, _, rest = fixture.partition("[[partners]]")
    partner, _, tail = rest.partition("[[partners]]")
    copies = [
        "[[partners]]" + partner.replace('"fixture"', f'"fixture-{i}"') for i in range(1, 800)
    ]
    path = tmp_path / "big.toml"
    path.write_text(head + "".join(copies) + "[[partners]]" + partner + "[[partners]]" + tail)
    return path


@pytest.mark.parametrize("fmt", ["tsv", "json", "csv", "table"])
def test_a_reader_that_leaves_early_causes_no_traceback(tmp_path: Path, fmt: str) -> None:
    data = _big_dataset(tmp_path)
    process = subprocess.Popen(
        [*COMMAND, "--data", str(data), "list", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(20)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 1)
    assert stderr == ""


def test_head_closing_the_pipe_is_quiet() -> None:
    result = subprocess.run(
        f"{COMMAND[0]} timeline | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("date\tkind\tid")
    assert result.stderr == ""


SCRIPT = shutil.which("script")


@pytest.mark.skipif(SCRIPT is None, reason="needs script(1) for a pseudo-terminal")
@pytest.mark.parametrize(
    ("env", "colour", "any_escape"),
    [({}, True, True), ({"NO_COLOR": "1"}, False, True), ({"TERM": "dumb"}, False, False)],
)
def test_colour_only_on_a_terminal_and_as_the_environment_says(
    env: dict[str, str], colour: bool, any_escape: bool
) -> None:
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", **env}
    for name in ("NO_COLOR", "FORCE_COLOR") if not env else ("FORCE_COLOR",):
        environment.pop(name, None)
    shown = subprocess.run(
        [str(SCRIPT), "-qc", f"{COMMAND[0]} list", "/dev/null"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    ).stdout
    assert "Afghanistan" in shown
    assert bool(re.search(r"\x1b\[[0-9;]*3[0-9]m", shown)) is colour
    assert ("\x1b" in shown) is any_escape


@pytest.mark.parametrize(
    "args", [["list"], ["show", "japan", "-f", "table"], ["schema"], ["-h"], ["--version"], []]
)
def test_output_that_cannot_be_written_is_one_line_and_exit_4(args: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [*COMMAND, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
            check=False,
        )  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert result.stderr == "natopartners: cannot write output: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_4() -> None:
    command = " ".join(shlex.quote(part) for part in COMMAND)
    result = subprocess.run(
        ["sh", "-c", f"{command} list >&-"], capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 4
    assert result.stderr == "natopartners: cannot write output: standard output is closed\n"


def test_an_encoding_that_cannot_write_the_table_is_one_line_and_exit_4() -> None:
    result = run("show", "japan", "-f", "table", PYTHONIOENCODING="ascii")
    assert result.returncode == 4
    assert result.stderr.startswith("natopartners: cannot write ")
    assert "PYTHONIOENCODING=utf-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_home_no_cache_nothing_written(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in {"HOME", "NATOPARTNERS_DATA"}}
    environment["XDG_CACHE_HOME"] = "relative-cache"
    result = subprocess.run(
        [*COMMAND, "show", "japan", "--json"], capture_output=True, text=True, cwd=tmp_path,
        env=environment, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "japan"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--as-of", "2100", "list"], 0),  # a note on stderr, the answer on stdout
        (["list", "--relationship", "applicant", "--operation", "isaf"], 0),  # "no ... match"
        (["list", "--bogus"], 2),
        (["show", "atlantis"], 1),
        (["--data", "/nonexistent.toml", "list"], 3),
    ],
)
@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_stderr_that_cannot_be_written_changes_neither_answer_nor_code(
    args: list[str], code: int, stderr: str
) -> None:
    """Messages are lost when stderr is closed or its disk full, never the exit code or what
    stdout carries."""
    redirect = "2>&-" if stderr == "closed" else "2>/dev/full"
    command = " ".join(shlex.quote(a) for a in [*COMMAND, *args])
    done = subprocess.run(
        f"{command} {redirect}", shell=True, capture_output=True, text=True, check=False
    )
    assert done.returncode == code
    if args[:3] == ["--as-of", "2100", "list"]:
        assert done.stdout == run(*args).stdout and "afghanistan" in done.stdout
