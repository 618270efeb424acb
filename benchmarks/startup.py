"""Start-up of an installed ``natopartners``, as ratios to baselines timed in the same run.

Each command is a whole process (spawn to exit) paired with each baseline run by the same
interpreter, with the same environment and working directory; the runs of a pair follow each
other and swap order every round, so a busy machine slows both alike. What counts is the
median of the per-pair ratios, with their interquartile range as the spread.

Baselines: the design floor (what any Typer + pydantic CLI pays: import typer, define one
``defer_build`` model, validate one object; Rich too for tables), the old floor (``import
typer; from pydantic import BaseModel``; Rich too for tables) and a two-command Typer app.

Usage::

    python benchmarks/startup.py [--command PATH] [--pairs 31] [--markdown] [--max-ratio 1.10]
    python benchmarks/startup.py --importtime     # modules imported beyond the design floor
    python benchmarks/startup.py --instructions   # instruction counts under valgrind
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _report import table  # benchmarks/_report.py, beside this script

DESIGN_FLOOR = """\
import typer
from pydantic import BaseModel, ConfigDict
class Floor(BaseModel):
    model_config = ConfigDict(defer_build=True)
    name: str
    year: int
Floor.model_validate({"name": "japan", "year": 2014})
"""
OLD_FLOOR = "import typer\nfrom pydantic import BaseModel\n"
RICH = "import rich.console, rich.table\n"
TYPER_APP = """\
import json, sys
import typer
app = typer.Typer()
ROWS = [{"id": "japan", "name": "Japan"}, {"id": "korea", "name": "Republic of Korea"}]
def emit(rows: list[dict[str, str]], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\\n")
    elif sys.stdout.isatty():
        import rich.console, rich.table
        table = rich.table.Table("id", "name")
        for row in rows:
            table.add_row(*row.values())
        rich.console.Console().print(table)
    else:
        sys.stdout.writelines("\\t".join(row.values()) + "\\n" for row in rows)
@app.command()
def show(name: str, as_json: bool = typer.Option(False, "--json")) -> None:
    emit([row for row in ROWS if row["id"] == name], as_json)
@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json")) -> None:
    emit(ROWS, as_json)
app()
"""
BASELINES = ("design floor", "old floor", "Typer app")
COMMAND = "natopartners"
UNSET = {"PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"}  # bytecode is read as users have it


@dataclass(frozen=True)
class Case:
    """A command line of natopartners; ``tty``: run in a pseudo-terminal (a Rich table)."""

    args: tuple[str, ...]
    tty: bool = False

    @property
    def label(self) -> str:
        return " ".join(self.args) + (" (table, pty)" if self.tty else "")

    def check(self, output: bytes) -> None:
        """Fail unless the output is what this case is meant to exercise."""
        text = output.decode("utf-8", "replace")
        if "--json" in self.args:
            json.loads(text)
        elif self.tty and "─" not in text and "━" not in text:
            raise ValueError(f"{self.label}: no table rules in the output")
        elif not self.tty and "\t" not in text:
            raise ValueError(f"{self.label}: no tab-separated values in the output")


CASES = (
    Case(("show", "japan", "--json")),
    Case(("list", "--json")),
    Case(("timeline", "--json")),
    Case(("list",)),
    Case(("show", "japan"), tty=True),
    Case(("list",), tty=True),
    Case(("changes", "2014", "2024", "--json")),
    Case(("search", "piracy", "--json")),
)


@dataclass(frozen=True)
class Bench:
    """How to run the command and its baselines: one interpreter, one environment."""

    command: Path
    python: str
    app: Path
    env: dict[str, str]

    def argv(self, case: Case, baseline: str | None) -> list[str]:
        """The command line of ``case`` (``baseline`` None) or of one of its baselines."""
        rich = RICH if case.tty else ""
        if baseline is None:
            return [str(self.command), *case.args]
        if baseline == "design floor":
            return [self.python, "-c", DESIGN_FLOOR + rich]
        if baseline == "old floor":
            return [self.python, "-c", OLD_FLOOR + rich]
        app_args = ["show", "japan"] if case.args[0] == "show" else ["list"]
        json_flag = ["--json"] if "--json" in case.args else []
        return [self.python, str(self.app), *app_args, *json_flag]

    def run(self, argv: Sequence[str], tty: bool, extra: dict[str, str] | None = None) -> bytes:
        """Run to the end; return stdout, then stderr (in a pty: both as one); raise on failure."""
        env = {**self.env, **(extra or {})}
        if not tty:
            done = subprocess.run(argv, capture_output=True, env=env, stdin=subprocess.DEVNULL)
            if done.returncode:
                raise RuntimeError(f"{argv[-1]!r} failed: {done.stderr.decode()[-300:]}")
            return done.stdout + done.stderr
        master, slave = os.openpty()
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        output = b"".join(chunks)
        if child.wait():
            raise RuntimeError(f"{argv[-1]!r} failed: {output.decode(errors='replace')[-300:]}")
        return output

    def timed(self, argv: Sequence[str], tty: bool) -> float:
        start = time.perf_counter()
        self.run(argv, tty)
        return (time.perf_counter() - start) * 1000


def interpreter(command: Path) -> str:
    """The Python the console script runs with (its shebang), so baselines use the same one."""
    first = command.read_bytes().split(b"\n", 1)[0].decode(errors="replace")
    path = first.removeprefix("#!").split()[0] if first.startswith("#!") else ""
    return path if Path(path).name.startswith("python") else sys.executable


def spread(ratios: Sequence[float]) -> str:
    q1, _, q3 = statistics.quantiles(ratios, n=4, method="inclusive")
    return f"{statistics.median(ratios):.2f} ({q1:.2f}-{q3:.2f})"


def startup(
    bench: Bench, cases: Sequence[Case], baselines: Sequence[str], pairs: int
) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Per (case, baseline): the (command ms, baseline ms) of each pair; round 0 is a warm-up."""
    found: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for round_ in range(pairs + 1):
        if sys.stderr.isatty():
            end = "\n" if round_ == pairs else ""
            print(f"\rround {round_}/{pairs}", end=end, file=sys.stderr, flush=True)
        for case in cases:
            for baseline in baselines:
                order = (None, baseline) if round_ % 2 == 0 else (baseline, None)
                ms = {which: bench.timed(bench.argv(case, which), case.tty) for which in order}
                if round_:
                    found.setdefault((case.label, baseline), []).append((ms[None], ms[baseline]))
    return found


def report(
    found: dict[tuple[str, str], list[tuple[float, float]]],
    cases: Sequence[Case],
    baselines: Sequence[str],
    markdown: bool,
) -> tuple[str, float]:
    """The table, and the highest median ratio to the first baseline."""
    header = ["command", "ms", *(f"x {b} (IQR), {b} ms" for b in baselines)]
    rows, worst = [], 0.0
    for case in cases:
        row = [case.label]
        for i, baseline in enumerate(baselines):
            pairs = found[case.label, baseline]
            ratios = [c / b for c, b in pairs]
            if i == 0:
                row.append(f"{statistics.median(c for c, _ in pairs):.0f}")
                worst = max(worst, statistics.median(ratios))
            row.append(f"{spread(ratios)}, {statistics.median(b for _, b in pairs):.0f}")
        rows.append(row)
    return table(header, rows, markdown), worst


IMPORT_LINE = re.compile(rb"import time:\s+(\d+) \|\s+(\d+) \| +(\S+)")
IMPORT_RUNS = 5


def imported(bench: Bench, argv: Sequence[str], tty: bool) -> dict[str, tuple[float, float]]:
    """Module → (self ms, cumulative ms) from ``-X importtime``: the least of a few runs, which
    a busy machine disturbs least."""
    found: dict[str, tuple[float, float]] = {}
    for _ in range(IMPORT_RUNS):
        output = bench.run(argv, tty, {"PYTHONPROFILEIMPORTTIME": "1"})
        for m in IMPORT_LINE.finditer(output):
            times = (int(m[1]) / 1000, int(m[2]) / 1000)
            found[m[3].decode()] = min(found.get(m[3].decode(), times), times)
    return found


def importtime(bench: Bench, cases: Sequence[Case], top: int, markdown: bool) -> str:
    """Per case, the modules the command imports beyond its design floor, by self time.

    The floor's modules are read from its ``sys.modules``: ``-X importtime`` misses some
    (``from pydantic import BaseModel`` loads ``pydantic.main`` without a line for it).
    """
    parts = []
    for case in cases:
        python, flag, code = bench.argv(case, "design floor")
        floor = set(
            bench.run([python, flag, code + "import sys; print(*sys.modules)"], case.tty).split()
        )
        extra = {
            name: times
            for name, times in imported(bench, bench.argv(case, None), case.tty).items()
            if name.encode() not in floor
        }
        total = sum(own for own, _ in extra.values())
        ranked = sorted(extra.items(), key=lambda item: -item[1][0])[:top]
        rows = [[name, f"{own:.1f}", f"{cumulative:.1f}"] for name, (own, cumulative) in ranked]
        parts.append(
            f"{case.label}: {len(extra)} modules beyond the design floor's {len(floor)}, "
            f"{total:.0f} ms self\n\n"
            + table(["module", "self ms", "cumulative ms"], rows, markdown)
        )
    return "\n\n".join(parts)


COLLECTED = re.compile(rb"Collected : (\d+)")


def instructions(
    bench: Bench, cases: Sequence[Case], baselines: Sequence[str], markdown: bool
) -> str:
    """Instructions executed (valgrind's callgrind) by each command and its baselines."""
    counted: dict[tuple[bool, tuple[str, ...]], int] = {}  # a pty and a pipe differ

    def count(argv: list[str], tty: bool) -> int:
        key = (tty, tuple(argv))
        if key not in counted:
            valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
            found = COLLECTED.search(bench.run(valgrind, tty, {"PYTHONHASHSEED": "0"}))
            if found is None:
                raise RuntimeError(f"no instruction count from valgrind for {argv[-1]!r}")
            counted[key] = int(found[1])
        return counted[key]

    rows = []
    for case in cases:
        own = count(bench.argv(case, None), case.tty)
        ratios = [own / count(bench.argv(case, b), case.tty) for b in baselines]
        rows.append([case.label, f"{own / 1e6:.0f}", *(f"{r:.2f}" for r in ratios)])
    return table(["command", "M instructions", *(f"x {b}" for b in baselines)], rows, markdown)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--command", type=Path, default=Path(sys.executable).parent / COMMAND)
    parser.add_argument("--pairs", type=int, default=31, help="pairs per command and baseline")
    parser.add_argument("--baselines", default=",".join(BASELINES), help="comma-separated subset")
    parser.add_argument("--only", default="", help="run only the commands whose label has this")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--max-ratio", type=float, help="exit 1 above it (first baseline)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--importtime", action="store_true", help="modules beyond the design floor")
    mode.add_argument("--instructions", action="store_true", help="count instructions (valgrind)")
    parser.add_argument("--top", type=int, default=15, help="modules listed per command")
    options = parser.parse_args(argv)
    baselines = [b.strip() for b in options.baselines.split(",")]
    if unknown := set(baselines) - set(BASELINES):
        parser.error(f"unknown baselines {sorted(unknown)}; choose from {', '.join(BASELINES)}")
    if options.pairs < 2:
        parser.error("--pairs: at least 2, for a spread")
    if not options.command.is_file():
        parser.error(f"no {options.command}: install natopartners there or give --command")
    if options.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    cases = [case for case in CASES if options.only in case.label]
    env = {k: v for k, v in os.environ.items() if k not in UNSET} | {"COLUMNS": "100"}
    python = interpreter(options.command)
    version = subprocess.run([python, "-V"], capture_output=True, text=True).stdout.strip()
    print(f"{options.command} ({version}), {time.strftime('%Y-%m-%d %H:%M %Z')}\n")
    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder, "typer_app.py")
        app.write_text(TYPER_APP, encoding="utf-8")
        bench = Bench(options.command, python, app, env)
        for case in cases:  # measure only what the cases are meant to exercise
            case.check(bench.run(bench.argv(case, None), case.tty))
        if options.importtime:
            print(importtime(bench, cases, options.top, options.markdown))
            return 0
        if options.instructions:
            print(instructions(bench, cases, baselines, options.markdown))
            return 0
        found = startup(bench, cases, baselines, options.pairs)
    text, worst = report(found, cases, baselines, options.markdown)
    print(f"Median of {options.pairs} paired runs per cell; ratios are command / baseline.\n")
    print(text)
    if options.max_ratio is not None and worst > options.max_ratio:
        print(f"FAIL: a median ratio to the {baselines[0]} is {worst:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
