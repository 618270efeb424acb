"""Nothing silently wrong (issue 22): any width gives an answer, an error keeps its exit code
when stdout is closed, every echo of what was typed is cut, an empty name is a usage error,
the dates at the edges say what they mean, and the Python API fails like a library."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import natopartners
from natopartners.errors import ExitCode, NotFoundError, UsageError
from tests.conftest import Invoke, json_of, plain
from tests.test_subprocess import COMMAND

TABLES = [
    ["list"],
    ["show", "japan"],
    ["timeline", "--since", "2024"],
    ["timeline", "--chart"],
    ["operations"],
    ["operations", "isaf"],
    ["glossary", "itpp"],
    ["sources"],
    ["search", "piracy"],
    ["changes", "2024", "2025"],
]
WIDTHS = ["0", "-1", "-80", "abc", "1", "5", "19", "40", "100000000000", "", " 80 "]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_any_width_the_environment_reports_gives_an_answer(
    invoke: Invoke, args: list[str], columns: str
) -> None:
    result = invoke(*args, "--format", "table", env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    assert len(text.splitlines()) > 2
    widest = max(len(line) for line in text.splitlines() if "://" not in line)
    assert widest <= 1000  # a width beyond any terminal is laid out as the widest one


def _in_a_terminal(args: list[str], **env: str) -> tuple[int, str]:
    """Run the installed command in a pseudo-terminal; its exit code and what it printed."""
    primary, secondary = pty.openpty()
    environment = {**os.environ, **env}
    environment.pop("NATOPARTNERS_DATA", None)
    process = subprocess.Popen(
        [*COMMAND, *args], stdin=secondary, stdout=secondary, stderr=secondary, env=environment
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closed: the child has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("columns", ["0", "-3", "wide", "99999"])
def test_in_a_real_terminal_a_width_of_zero_or_nonsense_still_draws_the_table(
    columns: str,
) -> None:
    code, out = _in_a_terminal(["list"], COLUMNS=columns, NO_COLOR="1")
    assert code == 0
    assert "Afghanistan" in out and "Partner across the globe" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show", "atlantis"], ExitCode.NOT_FOUND),
        (["operations", "isfa"], ExitCode.NOT_FOUND),
        (["lst"], ExitCode.USAGE),
        (["list", "--nope"], ExitCode.USAGE),
        (["list", "--as-of", "yesterday"], ExitCode.USAGE),
        (["timeline", "--kind", "sumit"], ExitCode.USAGE),
        (["changes", "2024", "2014"], ExitCode.USAGE),
        (["--data", "/nonexistent.toml", "list"], ExitCode.INVALID_DATA),
        (["list"], ExitCode.OUTPUT),
        (["show", "japan"], ExitCode.OUTPUT),
        (["timeline", "--json"], ExitCode.OUTPUT),
        (["schema"], ExitCode.OUTPUT),
        (["cite", "japan"], ExitCode.OUTPUT),
        (["--version"], ExitCode.OUTPUT),
        (["-h"], ExitCode.OUTPUT),
        ([], ExitCode.OUTPUT),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_with_stdout_closed_an_error_keeps_its_code_and_output_exits_4(
    args: list[str], code: int
) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "NATOPARTNERS_DATA"}
    done = subprocess.run(
        [*COMMAND, *args],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environment,
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),  # started with stdout closed, as `>&-` does
    )
    assert done.returncode == code, done.stderr
    assert b"Traceback" not in done.stderr


LONG = "x" * 3000


@pytest.mark.parametrize(
    "args",
    [
        [LONG],  # an unknown command
        ["list", f"--{LONG}"],  # an unknown option
        ["list", LONG],  # an unexpected extra argument
        ["list", f"extra {LONG} words"],  # one with spaces in it
        ["show", LONG],  # an unknown name
        ["list", "--as-of", LONG],  # a bad value
        ["list", "--relationship", LONG],  # a bad choice
        ["list", "--fields", LONG],  # unknown fields
        ["--data", LONG, "list"],  # a file name
        ["changes", LONG],  # a bad argument
    ],
    ids=lambda args: " ".join(a[:12] for a in args),
)
def test_every_echo_of_what_was_typed_is_cut(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code != 0
    assert LONG not in result.stderr
    assert max(map(len, result.stderr.splitlines())) < 400
    assert "(30" in result.stderr  # the full length is said: "(3000 characters)" or more


def test_a_long_file_name_is_named_whole(invoke: Invoke, tmp_path: Path) -> None:
    """Cutting what was typed must not cut what a message names on purpose: a real path (up to
    240 characters) in a data file's problems, however deep the folder."""
    from natopartners.loading import NAME_LIMIT

    file = "my-own-edition-of-the-data.toml"
    room = NAME_LIMIT - len(str(tmp_path)) - len(file) - 2  # the path just fits the limit
    if room < 1:
        pytest.skip("the temporary folder alone is too long")
    folder = tmp_path / ("n" * min(room, 200))
    folder.mkdir()
    path = folder / file
    path.write_text("[dataset]\ntitle = 1\n", encoding="utf-8")
    assert len(str(path)) > 120  # far more than the 80 characters an echo is cut to
    for args in (["validate", str(path)], ["--data", str(path), "list"]):
        result = invoke(*args)
        assert result.exit_code == ExitCode.INVALID_DATA
        assert f"natopartners: {path}: dataset.title: " in result.stderr
        assert "characters)" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--relationship", "\x1b[2J"],
        ["show", "\x1b]0;owned\x07"],
        ["lst\u202e"],
        ["list", "--\x1b[31mred"],
        ["list", "extra\x1b[1m"],
    ],
)
def test_no_echo_can_drive_the_terminal(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code != 0
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b" in result.stderr or "\\u202e" in result.stderr


INVISIBLE = "\u00ad\U000e0041\ufff9\u2066\u200b\u2028\x9b"  # soft hyphen, tag, annotation, ...


@pytest.mark.parametrize(
    "args",
    [
        ["list", f"--x{INVISIBLE}"],  # Click's message
        ["show", f"x{INVISIBLE}"],  # the project's
        ["lst" + INVISIBLE],
    ],
)
def test_no_invisible_character_reaches_the_terminal(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code != 0
    assert not set(INVISIBLE) & set(result.stderr)
    assert "\\xad" in result.stderr and "\\U000e0041" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--region", ""],
        ["list", "--region", " - "],
        ["list", "--operation", ""],
        ["list", "--programme", " "],
        ["show", ""],
        ["timeline", "--partner", ""],
        ["timeline", "--operation", "--"],
        ["operations", " "],
        ["glossary", ""],
        ["search", "  "],
        ["cite", ""],
        ["--data", "", "list"],
    ],
)
def test_an_empty_name_is_a_usage_error_everywhere(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE, result.output


@pytest.mark.parametrize("args", [["show", "the"], ["list", "--region", "The"]])
def test_a_word_that_is_dropped_before_a_name_is_still_a_name_alone(
    invoke: Invoke, args: list[str]
) -> None:
    """ "the Netherlands" is the Netherlands, and "the" alone is a name that matches nothing,
    not an empty one."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "empty" not in result.stderr and "matches 'the'" in result.stderr.casefold()


def test_dates_at_the_edges_say_what_they_mean(invoke: Invoke) -> None:
    late = invoke("changes", "2014", "2030", "--json")
    assert late.exit_code == 0
    assert "the data goes up to 2026-03-20" in late.stderr
    after = invoke("changes", "2030", "--json")
    assert (after.exit_code, after.stdout) == (0, "[]\n")
    assert "the data goes up to 2026-03-20" in after.stderr
    same = invoke("--as-of", "2016", "changes", "2014", "2016-12-31", "--json")
    assert same.exit_code == 0  # both mean the end of 2016
    assert same.stdout == invoke("--as-of", "2016", "changes", "2014", "--json").stdout
    differ = invoke("--as-of", "2016", "changes", "2014", "2015")
    assert differ.exit_code == ExitCode.USAGE
    # Said once, however the day past the data is given.
    for args in (["--as-of", "2030", "changes", "2020", "2030-12-31"], ["changes", "2020", "2031"]):
        result = invoke(*args, "--json")
        assert result.exit_code == 0
        assert result.stderr.count("the data goes up to 2026-03-20") == 1, result.stderr
    assert "the data goes up to" not in invoke("changes", "2020", "2025", "--json").stderr


# --- The Python API ------------------------------------------------------------------------

DATA = natopartners.load()
Call = Callable[[], Any]
WRONG_TYPES: list[tuple[str, Call]] = [
    ("name", lambda: DATA.partner(["japan"])),  # type: ignore[arg-type]
    ("name", lambda: DATA.partner(b"japan")),  # type: ignore[arg-type]
    ("name", lambda: DATA.partner(None)),  # type: ignore[arg-type]
    ("relationship", lambda: DATA.partners(relationship=1)),  # type: ignore[arg-type]
    ("region", lambda: DATA.partners(region=["Asia"])),  # type: ignore[arg-type]
    ("operation", lambda: DATA.partners(operation=3)),  # type: ignore[arg-type]
    ("programme", lambda: DATA.partners(programme=object())),  # type: ignore[arg-type]
    ("since", lambda: DATA.timeline(since=2014)),  # type: ignore[arg-type]
    ("until", lambda: DATA.timeline(until=2014.0)),  # type: ignore[arg-type]
    ("partner", lambda: DATA.timeline(partner=5)),  # type: ignore[arg-type]
    ("kind", lambda: DATA.timeline(kind=["summit"])),  # type: ignore[arg-type]
    ("operation", lambda: DATA.timeline(operation=b"isaf")),  # type: ignore[arg-type]
    ("start", lambda: DATA.changes(None)),  # type: ignore[arg-type]
    ("end", lambda: DATA.changes("2014", 2024)),  # type: ignore[arg-type]
    ("operation", lambda: DATA.operation(None)),  # type: ignore[arg-type]
    ("name", lambda: DATA.term(3)),  # type: ignore[arg-type]
    ("text", lambda: DATA.search(None)),  # type: ignore[arg-type]
    ("record", lambda: DATA.cited(5)),  # type: ignore[arg-type]
    ("date", lambda: DATA.on(2014)),  # type: ignore[arg-type]
    ("path", lambda: natopartners.load(5)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("param", "call"), WRONG_TYPES, ids=[p for p, _ in WRONG_TYPES])
def test_a_wrong_type_is_a_type_error_naming_the_parameter(param: str, call: Call) -> None:
    with pytest.raises(TypeError, match=f"^{param} must be "):
        call()


WRONG_VALUES: list[tuple[str, Call]] = [
    ("'bogus' is not one of: dialogue", lambda: DATA.timeline(kind="bogus")),
    ("'sumit' is not one of", lambda: DATA.timeline(kind="sumit")),
    ("'nope' is not one of: global-partner", lambda: DATA.partners(relationship="nope")),
    ("'1990s' is a decade, not accepted here", lambda: DATA.on("1990s")),
    ("is a range, not accepted here", lambda: DATA.timeline(since="2023/2024")),
    ("'yesterday' is not a date", lambda: DATA.timeline(until="yesterday")),
    ("give some text to find", lambda: DATA.search("")),
    ("give a name, id or code", lambda: DATA.partner(" ")),
    ("give a name, id or code", lambda: DATA.partners(region="")),
    ("until (2013) is before since (2014)", lambda: DATA.timeline(since="2014", until="2013")),
    ("TO (2014) is before FROM (2024)", lambda: DATA.changes("2024", "2014")),
]


@pytest.mark.parametrize(("words", "call"), WRONG_VALUES, ids=[w for w, _ in WRONG_VALUES])
def test_a_wrong_value_is_the_cli_s_usage_error_in_the_cli_s_words(words: str, call: Call) -> None:
    with pytest.raises(UsageError) as caught:
        call()
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_the_api_accepts_what_the_cli_accepts(invoke: Invoke) -> None:
    assert DATA.timeline(kind="Summit") == json_of(invoke, "timeline", "--kind", "Summit")
    assert DATA.timeline(kind="sum") == DATA.timeline(kind="summit")  # a prefix, as --kind
    assert DATA.partners(relationship="ALLY") == json_of(invoke, "list", "-r", "ALLY")
    assert DATA.on(" 2014 ").partners() == json_of(invoke, "--as-of", " 2014 ", "list")


def test_not_found_names_its_suggestions_in_a_traceback() -> None:
    with pytest.raises(NotFoundError) as caught:
        DATA.partner("japn")
    assert str(caught.value) == "no country matches 'japn'\ndid you mean: japan?"
    assert isinstance(caught.value, LookupError)
    assert caught.value.suggestions == ["japan"]


def test_the_library_leaves_its_caller_alone(tmp_path: Path) -> None:
    """No frozen garbage collector, and data nobody can change under another caller."""
    code = (
        "import gc, natopartners\n"
        "frozen = gc.get_freeze_count()\n"
        "data = natopartners.load()\n"
        "assert gc.get_freeze_count() == frozen, 'load() froze the collector'\n"
        "assert gc.isenabled()\n"
        "for change in (lambda: data.dataset.partners.append(1),\n"
        "               lambda: data.dataset.partner_index.__setitem__('x', 1),\n"
        "               lambda: setattr(data.dataset.partners[0], 'name', 'x')):\n"
        "    try:\n"
        "        change()\n"
        "    except (AttributeError, TypeError, ValueError):\n"
        "        pass\n"
        "    else:\n"
        "        raise SystemExit('changed')\n"
        "rows = data.partners()\n"
        "rows[0]['name'] = 'changed'\n"
        "assert natopartners.load().partners()[0]['name'] != 'changed'\n"
        "assert 'load' in dir(natopartners) and 'Reference' in dir(natopartners)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
