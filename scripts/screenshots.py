"""Regenerate the README's pictures: run real commands and save what they print as SVG.

    python scripts/screenshots.py            # writes docs/*.svg
    python scripts/screenshots.py --check    # exits 1 if a picture no longer matches the tool

Each picture is the command's own output on a colour terminal at a fixed width, read back by
Rich from its escape codes and recorded as SVG, so the pictures cannot drift from what the tool
prints (tests/test_screenshots.py checks two).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from natopartners.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"
WIDTH = 100
PICTURES = {
    "list.svg": ["list"],
    "show-japan.svg": ["show", "japan"],
    "timeline.svg": ["timeline", "--since", "2022", "--until", "2022"],
    "chart.svg": ["timeline", "--chart", "--since", "1995"],
    "operations-isaf.svg": ["operations", "isaf"],
}


def render_svg(args: list[str], width: int = WIDTH) -> str:
    """Run ``natopartners ARGS --format table`` on a colour terminal ``width`` columns wide and
    return what it printed as an SVG picture."""
    env = {"NO_COLOR": "", "FORCE_COLOR": "1", "COLUMNS": str(width), "TERM": "xterm-256color"}
    result = CliRunner().invoke(app, [*args, "--format", "table"], env=env)
    if result.exit_code != 0:
        raise RuntimeError(f"natopartners {' '.join(args)} failed: {result.output}")
    console = Console(
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        file=io.StringIO(),  # recorded for the SVG; nothing needs to be shown
    )
    # The last newline ends the last line, as print adds one (Rich 14 drops it, Rich 15 keeps it
    # as an empty line: without it the picture is the same in both).
    text = Text.from_ansi(result.stdout.removesuffix("\n"))
    console.print(text, overflow="fold")  # as a terminal wraps a URL
    return console.export_svg(title=f"natopartners {' '.join(args)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    options = parser.parse_args()
    stale = []
    for name, args in PICTURES.items():
        svg = render_svg(args)
        path = DOCS / name
        if options.check:
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                stale.append(name)
        else:
            path.write_text(svg, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python scripts/screenshots.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
