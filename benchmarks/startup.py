"""Startup benchmark: whole-process runs of the installed ``natopartners`` against a floor.

Each command is timed as a user runs it (a new process, from exec to exit) and compared with
a *floor* run in the same session by the same interpreter: the imports no Typer + pydantic
CLI can avoid. The goal is a command no slower than 1.15x its floor.

* JSON paths (``show japan --json``, ``timeline --json``) against
  ``python -c "import typer; from pydantic import BaseModel"``;
* table paths (``list --format table``, ``show japan --format table``) against the same plus
  ``import rich.console, rich.table``. ``--format table`` is needed because stdout is a pipe
  here, and in a pipe ``auto`` prints TSV: without it the table paths would never import Rich.

natopartners keeps validated datasets in a cache (``NATOPARTNERS_CACHE_DIR``); here it lives in
the run's temporary directory, filled by the warm-up round, so the rows above show what a user
sees from the second run on. One more row, ``show japan --json`` with ``NATOPARTNERS_CACHE=0``,
shows the uncached path (TOML parse + validation on every run). The header says whether the
build stored anything (an older build without a cache gives equal rows).

Method: command and floor runs alternate in pairs (the order inside a pair flips each round,
and the rounds go through every command in turn, so background load hits all of them
alike); the first round is a discarded warm-up; each command reports the median ms of its
runs, the median ms of its floor runs, and the median of the per-pair ratios
(command / floor), which absorbs slow drifts in machine load. The floor's interquartile
range (IQR) is shown as a noise gauge (when it is wide, rerun), with the IQR of the ratios;
the JSON report adds the ratio of the fastest runs and the ratio of CPU times (user + system,
from ``os.wait4``), two cross-checks that should agree with the median ratio.

A reference row (``--no-reference`` drops it) times the smallest two-command Typer app against
the JSON floor in the same rounds: what it costs above the floor, Typer costs every CLI built on
it, whatever the CLI does.

``--stages RUNS`` then runs each command in-process, in RUNS fresh processes, with a timer
between the floor imports, what Typer 0.29 imports on every run anyway (``typer._adapters``,
pydantic's plugin loader), ``import natopartners.models``, the rest of the package,
``loading.bundled_dataset()`` (a cache hit, or TOML parse + validation), Typer building the
command tree, and the command itself (which finds the dataset already loaded). This mode
calls natopartners' internals, so it may need updating when they change; ``scale.py
--breakdown`` splits the uncached load further.

The interpreter: the floor must run on the same Python as the command, so it is read from
the command's shebang (``#!/path/python``, ``#!/usr/bin/env python3`` and pip's ``/bin/sh``
``exec`` trampoline are understood); if there is none, ``sys.executable`` is used. The
command is ``--command PATH``, else ``natopartners`` on PATH, else the one beside
``sys.executable``.

Environment of every run: ``COLUMNS=100``, ``NO_COLOR=1``; ``FORCE_COLOR``,
``CLICOLOR_FORCE``, ``PY_COLORS``, ``GITHUB_ACTIONS``, ``NATOPARTNERS_DATA``, any
``NATOPARTNERS_CACHE*`` setting and Python's diagnostic variables removed; stdin from
/dev/null; stdout and stderr are pipes drained by the benchmark; the working directory is an
empty temporary directory. Bytecode is warm but kept out of the source tree:
``PYTHONPYCACHEPREFIX`` points at a cache in the temp directory (filled by the warm-up round)
and ``PYTHONDONTWRITEBYTECODE`` is removed. Peak RSS per run comes from ``os.wait4`` (the
child's own ``ru_maxrss``).

Standard library only. Usage::

    python benchmarks/startup.py              # Markdown table on stdout (about 90 s)
    python benchmarks/startup.py --pairs 41   # more pairs, tighter medians
    python benchmarks/startup.py --stages 7   # and where the time goes, stage by stage
    python benchmarks/startup.py --json       # machine-readable, with every sample
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

GOAL = 1.15
JSON_FLOOR = "import typer; from pydantic import BaseModel"
TABLE_FLOOR = f"{JSON_FLOOR}; import rich.console, rich.table"
FLOORS = {"json": JSON_FLOOR, "table": TABLE_FLOOR}
NOISY_FLOOR_IQR = 0.10  # a floor IQR above 10 % of its median: the machine was busy

PINNED_ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
# Bytecode goes to a cache the benchmark owns: runs are warm (as after a wheel install, where
# pip compiles) and nothing is written into the checkout's or the venv's __pycache__.
PYCACHE_PREFIX = Path(tempfile.gettempdir()) / "natopartners-bench-pycache"
REMOVED_ENV = (
    "FORCE_COLOR",
    "CLICOLOR_FORCE",
    "PY_COLORS",
    "GITHUB_ACTIONS",
    "TERMINAL_WIDTH",
    "NATOPARTNERS_DATA",
    "NATOPARTNERS_DEBUG",
    "NATOPARTNERS_CACHE",
    "NATOPARTNERS_CACHE_DIR",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDEVMODE",
    "PYTHONTRACEMALLOC",
    "PYTHONDONTWRITEBYTECODE",  # kept bytecode, in PYCACHE_PREFIX (see bench_env)
    "PYTHONWARNINGS",
    "PYTHONINSPECT",
)


@dataclass(frozen=True)
class Case:
    """A command line to time, and which floor it is held to."""

    label: str
    args: tuple[str, ...]
    floor: str  # a key of FLOORS
    script: str | None = None  # run this Python source instead of natopartners
    env: tuple[tuple[str, str], ...] = ()  # added to the environment of the command's runs

    def argv(self, command: Path, python: Path, cwd: Path) -> list[str]:
        if self.script is None:
            return [str(command), *self.args]
        path = cwd / "reference_app.py"
        if not path.exists():
            path.write_text(self.script, encoding="utf-8")
        return [str(python), str(path), *self.args]

    def check(self, stdout: bytes) -> str | None:
        """Why the output is not what the case is meant to exercise (None if it is)."""
        text = stdout.decode("utf-8", "replace")
        if self.floor == "json":
            try:
                json.loads(text)
            except ValueError as error:
                return f"stdout is not JSON ({error})"
            return None
        if "─" not in text and "━" not in text:
            return "stdout has no table rules: the Rich table path did not run"
        return None


CACHE_OFF = (("NATOPARTNERS_CACHE", "0"),)
CASES = (
    Case("show japan --json", ("show", "japan", "--json"), "json"),
    Case("timeline --json", ("timeline", "--json"), "json"),
    Case("list --format table", ("list", "--format", "table"), "table"),
    Case("show japan --format table", ("show", "japan", "--format", "table"), "table"),
    Case("show japan --json [NATOPARTNERS_CACHE=0]", ("show", "japan", "--json"), "json", None,
         CACHE_OFF),
)  # fmt: skip

# A reference, not natopartners: the smallest Typer app with two commands and an option. What
# it costs above the JSON floor is what Typer itself adds to every run (typer 0.29 imports
# typer._adapters, hence pydantic.types, and builds its commands from their signatures).
TYPER_REFERENCE = Case(
    "reference: 2-command Typer app",
    ("show", "x", "--json"),
    "json",
    script="""\
import sys

import typer

app = typer.Typer()


@app.command()
def show(name: str, as_json: bool = typer.Option(False, "--json")) -> None:
    sys.stdout.write("{}\\n")


@app.command()
def other(since: int | None = None) -> None:
    pass


app()
""",
)


# In-process stages of one command, run by the command's interpreter (``--stages``). The first
# two stages are the JSON floor; the next two are what Typer imports on every run anyway (the
# imports are attempted here, so they are not counted against natopartners). The data is
# loaded by the CLI's own function, which keeps it for the process (``functools.cache``), so
# the last stage is only the command itself.
STAGES_CODE = r"""
import json, os, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import typer
mark("import typer")
from pydantic import BaseModel
mark("from pydantic import BaseModel")
try:
    import typer._adapters
except ImportError:
    pass
mark("Typer's own: typer._adapters -> pydantic.types, annotated_types")
try:
    import pydantic.plugin._loader
except ImportError:
    pass
mark("Typer's own: pydantic plugin loader -> importlib.metadata (first TypeAdapter)")
import natopartners.models
mark("import natopartners.models")
import natopartners.cli as cli
mark("import natopartners.cli (the rest of the package)")
from natopartners import loading
loading.bundled_dataset()
mark("loading.bundled_dataset(): cache hit, or TOML parse + validation")
from typer.main import get_command
command = get_command(cli.app)
mark("Typer builds the command tree (get_command)")
real_stdout, sys.stdout = sys.stdout, open(os.devnull, "w")
try:
    command.main(sys.argv[1:], prog_name="natopartners")
except SystemExit:
    pass
sys.stdout = real_stdout
mark("the command: parse, query, view, output")
print(json.dumps([(name, (t - marks[i][1]) * 1000) for i, (name, t) in enumerate(marks[1:])]))
"""


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    max_rss_kib: int  # 0 where os.wait4 is unavailable
    returncode: int
    stdout: bytes
    stderr: bytes
    cpu_seconds: float = 0.0  # user + system time of the child (0 without os.wait4)

    @property
    def ms(self) -> float:
        return self.seconds * 1000


@dataclass
class Samples:
    """The kept (post-warm-up) measurements of one case."""

    case: Case
    command_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    command_rss_kib: list[int] = field(default_factory=list)
    floor_rss_kib: list[int] = field(default_factory=list)
    cpu_ratios: list[float] = field(default_factory=list)


# -- processes ----------------------------------------------------------------------------


def _drain(stream: IO[bytes], into: list[bytes]) -> None:
    into.append(stream.read())


def run(argv: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> Run:
    """Run ``argv`` to completion: wall time from spawn to exit, and the child's peak RSS.

    Output is read by two threads so a large output never blocks the child; the child is
    reaped with ``os.wait4`` to get its own resource usage (``ru_maxrss``, KiB on Linux).
    """
    out: list[bytes] = []
    err: list[bytes] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(env),
        cwd=cwd,
    )
    assert proc.stdout is not None and proc.stderr is not None
    readers = [
        threading.Thread(target=_drain, args=(proc.stdout, out), daemon=True),
        threading.Thread(target=_drain, args=(proc.stderr, err), daemon=True),
    ]
    for reader in readers:
        reader.start()
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = int(usage.ru_maxrss)
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - not Linux/macOS
        proc.wait()
        elapsed = time.perf_counter() - start
        rss = 0
        cpu = 0.0
    for reader in readers:
        reader.join()
    proc.stdout.close()
    proc.stderr.close()
    return Run(elapsed, rss, proc.returncode, b"".join(out), b"".join(err), cpu)


def bench_env(
    extra: Mapping[str, str] | Iterable[tuple[str, str]] = (), cache_dir: Path | None = None
) -> dict[str, str]:
    """The environment of every timed run (see the module docstring); ``cache_dir`` holds
    natopartners' dataset cache (``NATOPARTNERS_CACHE_DIR``) for these runs."""
    env = {key: value for key, value in os.environ.items() if key not in REMOVED_ENV}
    env.update(PINNED_ENV)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_PREFIX)
    if cache_dir is not None:
        env["NATOPARTNERS_CACHE_DIR"] = str(cache_dir)
    env.update(dict(extra))
    return env


def cache_entries(cache_dir: Path) -> int:
    """How many entries natopartners stored in ``cache_dir`` (0: this build has no cache)."""
    return sum(1 for path in cache_dir.glob("*") if path.is_file()) if cache_dir.is_dir() else 0


# -- the command and its interpreter ------------------------------------------------------


def find_command(given: str | None) -> Path:
    """``--command``, else ``natopartners`` on PATH, else the one beside sys.executable."""
    if given:
        found = shutil.which(given) or (given if Path(given).is_file() else None)
        if found is None:
            raise SystemExit(f"startup.py: no command {given!r}")
        return Path(found).absolute()
    on_path = shutil.which("natopartners")
    if on_path:
        return Path(on_path).absolute()
    beside = Path(sys.executable).parent / "natopartners"
    if beside.is_file():
        return beside
    raise SystemExit(
        "startup.py: natopartners is not on PATH; activate its venv or pass --command PATH"
    )


def interpreter_of(command: Path) -> tuple[Path, str]:
    """The Python that runs ``command``, and how it was found."""
    try:
        with command.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", "replace").splitlines()
    except OSError:
        head = []
    if head and head[0].startswith("#!"):
        parts = head[0][2:].split()
        if parts and Path(parts[0]).name == "env":
            words = [word for word in parts[1:] if not word.startswith("-")]
            found = shutil.which(words[0]) if words else None
            if found:
                return Path(found), f"shebang {head[0]!r} resolved on PATH"
        elif parts and Path(parts[0]).name in ("sh", "bash") and len(head) > 1:
            # pip's trampoline for long paths: '''exec' "/path/python" "$0" "$@"
            match = re.search(r"exec'\s+\"?([^\"\s]+)", head[1])
            if match and Path(match.group(1)).exists():
                return Path(match.group(1)), "exec line of the /bin/sh shebang trampoline"
        elif parts and Path(parts[0]).exists():
            return Path(parts[0]), f"shebang {head[0]!r}"
    return Path(sys.executable), "sys.executable (the command has no usable shebang)"


def bundled_data(python: Path) -> str:
    """Path and size of the data file the commands read (found by the command's Python)."""
    result = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib.resources import files; "
            "print(files('natopartners.data') / 'partners.toml')",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    path = Path(result.stdout.strip())
    if result.returncode != 0 or not path.is_file():
        return "unknown"
    return f"{path} ({path.stat().st_size / 1000:.1f} kB)"


def python_version(python: Path) -> str:
    result = subprocess.run(
        [str(python), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(),
        "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


# -- statistics ---------------------------------------------------------------------------


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def iqr(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    q1, _, q3 = statistics.quantiles(values, n=4)
    return float(q3 - q1)


def summary(samples: Samples) -> dict[str, Any]:
    """One result row: medians, ratio, spread, verdict."""
    ratio = median(samples.ratios)
    floor = median(samples.floor_ms)
    return {
        "command": samples.case.label
        if samples.case.script
        else f"natopartners {samples.case.label}",
        "argv": list(samples.case.args),
        "floor": samples.case.floor,
        "floor_code": FLOORS[samples.case.floor],
        "pairs": len(samples.ratios),
        "command_ms": round(median(samples.command_ms), 1),
        "floor_ms": round(floor, 1),
        "ratio": round(ratio, 3),
        "ratio_iqr": round(iqr(samples.ratios), 3),
        "overhead_ms": round(
            median(c - f for c, f in zip(samples.command_ms, samples.floor_ms, strict=True)), 1
        ),
        "ratio_of_minima": round(min(samples.command_ms) / min(samples.floor_ms), 3),
        "cpu_time_ratio": round(median(samples.cpu_ratios), 3) if samples.cpu_ratios else None,
        "floor_iqr_ms": round(iqr(samples.floor_ms), 1),
        "floor_iqr_pct": round(100 * iqr(samples.floor_ms) / floor, 1),
        "command_rss_mib": round(median(samples.command_rss_kib) / 1024, 1),
        "floor_rss_mib": round(median(samples.floor_rss_kib) / 1024, 1),
        "meets_goal": ratio <= GOAL,
        "samples": {
            "command_ms": [round(v, 2) for v in samples.command_ms],
            "floor_ms": [round(v, 2) for v in samples.floor_ms],
        },
    }


# -- the benchmark ------------------------------------------------------------------------


def preflight(
    command: Path, python: Path, cases: Sequence[Case], env: Mapping[str, str], cwd: Path
) -> None:
    """Each case must succeed and produce the kind of output it is meant to time."""
    for case in cases:
        result = run(case.argv(command, python, cwd), {**env, **dict(case.env)}, cwd)
        problem = case.check(result.stdout) if result.returncode == 0 else None
        if result.returncode != 0 or problem:
            tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SystemExit(
                f"startup.py: {case.label}: exit {result.returncode}"
                + (f"; {problem}" if problem else "")
                + ("\n  " + "\n  ".join(tail) if tail else "")
            )


def measure(
    command: Path, python: Path, cases: Sequence[Case], pairs: int, progress: bool
) -> tuple[list[Samples], int]:
    """Alternate command and floor runs, round by round over every case. The dataset cache
    lives in the run's temporary directory; the warm-up round fills it."""
    results = [Samples(case) for case in cases]
    with tempfile.TemporaryDirectory(prefix="natopartners-bench-") as tmp:
        cwd = Path(tmp)
        env = bench_env(cache_dir=cwd / "cache")
        preflight(command, python, cases, env, cwd)
        for round_index in range(pairs + 1):  # round 0 is the warm-up
            for samples in results:
                argv_command = samples.case.argv(command, python, cwd)
                argv_floor = [str(python), "-c", FLOORS[samples.case.floor]]
                env_command = {**env, **dict(samples.case.env)}
                if round_index % 2 == 0:
                    cmd, flo = run(argv_command, env_command, cwd), run(argv_floor, env, cwd)
                else:
                    flo, cmd = run(argv_floor, env, cwd), run(argv_command, env_command, cwd)
                for label, result in (("command", cmd), ("floor", flo)):
                    if result.returncode != 0:
                        raise SystemExit(
                            f"startup.py: {label} run of {samples.case.label!r} failed "
                            f"(exit {result.returncode}): "
                            + result.stderr.decode("utf-8", "replace")[-500:]
                        )
                if round_index == 0:
                    continue
                samples.command_ms.append(cmd.ms)
                samples.floor_ms.append(flo.ms)
                samples.ratios.append(cmd.ms / flo.ms)
                samples.command_rss_kib.append(cmd.max_rss_kib)
                samples.floor_rss_kib.append(flo.max_rss_kib)
                if flo.cpu_seconds > 0:
                    samples.cpu_ratios.append(cmd.cpu_seconds / flo.cpu_seconds)
            if progress:
                sys.stderr.write(f"\rround {round_index}/{pairs}")
                sys.stderr.flush()
        cached = cache_entries(cwd / "cache")
    if progress:
        sys.stderr.write("\n")
    return results, cached


def stages(
    python: Path, cases: Sequence[Case], runs: int, progress: bool
) -> dict[str, list[tuple[str, float]]]:
    """Median in-process ms per stage for each case, over ``runs`` fresh processes per case
    (round by round over the cases, after a warm-up round); the interpreter's own start
    (``python -c pass``, a whole process) comes first."""
    per_case: dict[str, dict[str, list[float]]] = {case.label: {} for case in cases}
    start: list[float] = []
    with tempfile.TemporaryDirectory(prefix="natopartners-bench-") as tmp:
        cwd = Path(tmp)
        env = bench_env(cache_dir=cwd / "cache")
        for index in range(runs + 1):  # round 0 is a warm-up
            bare = run([str(python), "-c", "pass"], env, cwd)
            if index:
                start.append(bare.ms)
            for case in cases:
                argv = [str(python), "-c", STAGES_CODE, *case.args]
                result = run(argv, {**env, **dict(case.env)}, cwd)
                if result.returncode != 0:
                    tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
                    raise SystemExit(f"startup.py: --stages failed for {case.label}: {tail}")
                if index == 0:
                    continue
                for name, ms in json.loads(result.stdout):
                    per_case[case.label].setdefault(name, []).append(ms)
            if progress:
                sys.stderr.write(f"\rstages: round {index}/{runs}")
                sys.stderr.flush()
    if progress:
        sys.stderr.write("\n")
    first = ("interpreter start + site (python -c pass)", median(start))
    return {
        label: [first, *((name, median(values)) for name, values in stages_ms.items())]
        for label, stages_ms in per_case.items()
    }


def stages_markdown(found: Mapping[str, Sequence[tuple[str, float]]]) -> str:
    labels = list(found)
    names = list(dict.fromkeys(name for rows in found.values() for name, _ in rows))
    lines = [
        "",
        "In-process stages (median ms; the first line is a whole process):",
        "",
        "| stage | " + " | ".join(f"`{label}`" for label in labels) + " |",
        "|---|" + "--:|" * len(labels),
    ]
    for name in names:
        cells = [f"{dict(found[label]).get(name, float('nan')):.1f}" for label in labels]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    totals = [f"{sum(ms for _, ms in found[label]):.1f}" for label in labels]
    lines.append("| **sum** | " + " | ".join(totals) + " |")
    return "\n".join(lines) + "\n"


def markdown(rows: Sequence[Mapping[str, Any]], info: Mapping[str, Any]) -> str:
    """The report: a header of facts and one table row per command."""
    lines = [
        f"Machine: {info['machine']['cpus']} CPUs, {info['machine']['cpu_model']}; "
        f"Python {info['python_version']} ({info['python']}, from {info['python_source']}).",
        f"Command: {info['command']}. {info['pairs']} pairs per command after 1 warm-up pair; "
        f"load average before/after: {info['loadavg_before']} / {info['loadavg_after']}; "
        f"total {info['seconds']:.0f} s.",
        f"Data: {info['bundled_data']}; dataset cache: "
        + (
            f"{info['cache_entries']} entries stored by the warm-up (runs hit it unless "
            "NATOPARTNERS_CACHE=0)."
            if info["cache_entries"]
            else "none stored (this build has no cache)."
        ),
        "Environment: COLUMNS=100 NO_COLOR=1, stdout and stderr to pipes, stdin /dev/null, "
        f"warm bytecode in {PYCACHE_PREFIX}.",
        f'Floors: json = `python -c "{JSON_FLOOR}"`; table = json + `import rich.console, '
        "rich.table`.",
        "",
        "| command | floor | command ms | floor ms | ratio (median of pairs) | ratio IQR "
        "| over floor ms | floor IQR | RSS MiB cmd / floor | goal <= 1.15x |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        verdict = "meets" if row["meets_goal"] else "misses"
        lines.append(
            f"| `{row['command']}` | {row['floor']} "
            f"| {row['command_ms']:.1f} | {row['floor_ms']:.1f} | {row['ratio']:.2f}x "
            f"| {row['ratio_iqr']:.2f} "
            f"| {row['overhead_ms']:.1f} "
            f"| {row['floor_iqr_ms']:.1f} ({row['floor_iqr_pct']:.0f} %) "
            f"| {row['command_rss_mib']:.1f} / {row['floor_rss_mib']:.1f} | {verdict} |"
        )
    noisy = [row["command"] for row in rows if row["floor_iqr_pct"] > 100 * NOISY_FLOOR_IQR]
    if noisy:
        lines += [
            "",
            f"Noise: the floor's IQR exceeded {100 * NOISY_FLOOR_IQR:.0f} % of its median for "
            + ", ".join(noisy)
            + "; the machine was busy: consider a rerun (the ratio IQR shows how much of the "
            "noise the pairing absorbed).",
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time whole-process natopartners commands against an import floor."
    )
    parser.add_argument("--pairs", type=int, default=21, help="measured pairs per command (21)")
    parser.add_argument("--command", help="the natopartners executable (default: from PATH)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--json-out", type=Path, help="also write the JSON report to this file")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--stages",
        type=int,
        default=0,
        metavar="RUNS",
        help="also time in-process stages over RUNS processes per command (imports natopartners)",
    )
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the minimal Typer app reference row"
    )
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")

    command = find_command(args.command)
    python, python_source = interpreter_of(command)
    info: dict[str, Any] = {
        "command": str(command),
        "python": str(python),
        "python_source": python_source,
        "python_version": python_version(python),
        "machine": machine(),
        "pairs": args.pairs,
        "goal": GOAL,
        "env": PINNED_ENV,
        "loadavg_before": loadavg(),
        "bundled_data": bundled_data(python),
    }
    started = time.perf_counter()
    cases = CASES if args.no_reference else (*CASES, TYPER_REFERENCE)
    results, info["cache_entries"] = measure(
        command, python, cases, args.pairs, progress=not args.quiet
    )
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["loadavg_after"] = loadavg()
    rows = [summary(samples) for samples in results]
    found = stages(python, CASES, args.stages, not args.quiet) if args.stages else {}
    report = {**info, "results": rows}
    if found:
        report["stages_ms"] = {
            label: {name: round(ms, 1) for name, ms in values} for label, values in found.items()
        }
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        sys.stdout.write(markdown(rows, info) + (stages_markdown(found) if found else ""))
    return 0


def loadavg() -> str:
    if not hasattr(os, "getloadavg"):
        return "n/a"
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
