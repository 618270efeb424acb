"""Hostile arguments: every command, given odd arguments in any order, answers or fails with
one of the documented exit codes, never a traceback, and prints nothing on stdout when it
fails."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from natopartners.cli import app

COMMANDS = [info.name for info in app.registered_commands if info.name]

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTED = {0, 1, 2, 3, 4}

ODD_VALUES = st.one_of(
    st.sampled_from(
        [
            "", " ", "-", "--", "japan", "ISAF", "isfa", "2014", "2014-13", "1990s",
            "\u0662\u0660\u0661\u0664", "9999-12", "0000", "\x1b]0;title\x07", "\u202eevil",
            "a\u2028b", "[bold]x[/]", "x" * 5000,
            "help", "id,id", "json", "table", "csv", "bibtex", str(FIXTURES / "mini.toml"),
            "/nonexistent.toml", "/dev/zero", "/", "\x00", "--as-of", "--data", "-h",
        ]
    ),
    st.text(max_size=12),
)  # fmt: skip
OPTIONS = st.sampled_from(
    [
        "--as-of", "--data", "--format", "-f", "--json", "--fields", "--no-header", "--since",
        "--until", "--partner", "--operation", "--kind", "--chart", "--relationship", "--region",
        "--programme", "--style", "--version", "-h",
    ]
)  # fmt: skip
ARGV = st.tuples(
    st.sampled_from(["", *COMMANDS]),
    st.lists(st.one_of(OPTIONS, ODD_VALUES), max_size=6),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARGV)
def test_any_arguments_end_in_a_documented_way(argv: tuple[str, list[str]]) -> None:
    command, rest = argv
    args = [command, *rest] if command else rest
    result = CliRunner().invoke(app, args, env={"NATOPARTNERS_DATA": ""})
    assert result.exit_code in DOCUMENTED, (args, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.stdout == "", args
    for line in result.stderr.splitlines():
        assert "\x1b" not in line and "\u202e" not in line, (args, line)
