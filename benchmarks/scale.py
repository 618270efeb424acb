"""Scale benchmark: how ``natopartners`` grows with the size of its data file.

For the bundled data and for synthetic files of 100, 1,000 and 10,000 partners (ten events per
partner, see ``synthetic.py``) it times whole-process runs of::

    natopartners --data FILE list --json
    natopartners --data FILE timeline --json
    natopartners validate FILE            (when ``natopartners --help`` lists it)

twice: with natopartners' dataset cache off (``NATOPARTNERS_CACHE=0``: TOML parse and
validation on every run) and with the cache warm (a fresh cache directory filled by one untimed
run first; ``--cache off|warm|both``). It reports, per command, size and cache mode, the
median wall time of a few runs (3, and 1 above 1,000 partners by default: an uncached
10,000-partner run takes tens of seconds), the peak RSS of the
process, and between successive sizes the time and memory per added partner, which stay the
same from step to step if growth is linear.

Peak RSS: each child is reaped with ``os.wait4``, which returns that child's own
``ru_maxrss`` (KiB on Linux). ``getrusage(RUSAGE_CHILDREN)`` is not used: its ``ru_maxrss`` is
the largest of all children reaped so far, so a delta says nothing when a later child is
smaller than an earlier one.

The 16 MiB cap: ``natopartners`` refuses a data file larger than
``natopartners.loading.MAX_BYTES`` (exit 3). A realistic 10,000-partner file is ~90 MB, so
the real command only refuses it; that refusal is timed once, and the commands are then timed
by the same code with the cap raised to the file's size, in a process started as
``python -c "import natopartners.loading as l; l.MAX_BYTES = SIZE; from natopartners.cli
import main; main()" ARGS`` (the console script does the same import and call). Such rows are
marked "cap raised".

``--breakdown`` adds in-process timings of the loading stages for each file of up to
``--breakdown-max`` partners (importing ``natopartners.models``, pydantic included; reading;
``tomllib.loads``; ``Dataset.model_validate``; the cross-reference check), run by the
command's interpreter.

Environment, bytecode and process handling are those of ``startup.py`` (its ``run`` and
``bench_env``). Total time with the defaults: about 4.5 minutes on a 2-core machine, most of
it the 10,000-partner runs; ``--cache off`` takes about 3.

Usage::

    python benchmarks/scale.py                     # Markdown tables on stdout
    python benchmarks/scale.py --sizes 100,1000    # quicker
    python benchmarks/scale.py --breakdown --json  # machine-readable, with stage timings
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The sibling scripts, found through the line above.
import startup
import synthetic

BUNDLED_SIZE = 0  # the key of the bundled data in the tables
FLOOR_CODE = startup.JSON_FLOOR

LIFT_CAP = (
    "import sys, natopartners.loading as l; l.MAX_BYTES = {size}; "
    "from natopartners.cli import main; sys.argv[0] = 'natopartners'; main()"
)

BREAKDOWN = r"""
import json, sys, time
t0 = time.perf_counter()
if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib
from natopartners.models import Dataset, reference_problems
t1 = time.perf_counter()
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")
t2 = time.perf_counter()
document = tomllib.loads(text)
t3 = time.perf_counter()
data = Dataset.model_validate(document)
t4 = time.perf_counter()
problems = list(reference_problems(data))
t5 = time.perf_counter()
ms = lambda a, b: round((b - a) * 1000, 1)
print(json.dumps({"import_models_ms": ms(t0, t1), "read_ms": ms(t1, t2), "toml_ms": ms(t2, t3),
                  "validate_ms": ms(t3, t4), "references_ms": ms(t4, t5),
                  "problems": len(problems)}))
"""


@dataclass
class Target:
    """One data file: the bundled one, or a synthetic one of ``partners`` partners."""

    partners: int
    path: Path
    label: str
    size_bytes: int
    counts: synthetic.Counts | None = None
    cap_raised: bool = False
    refusal: dict[str, Any] | None = None
    # mode ("cold": NATOPARTNERS_CACHE=0, "warm": cache filled by a first run) -> command -> result
    results: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    priming: dict[str, Any] | None = None  # the run that filled the cache, for "warm"
    breakdown: dict[str, Any] | None = None


def probe(python: Path, code: str) -> str:
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, env=startup.bench_env()
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def commands(target: Target, with_validate: bool) -> dict[str, list[str]]:
    """The command lines to time for ``target`` (the bundled data needs no --data)."""
    data = [] if target.partners == BUNDLED_SIZE else ["--data", str(target.path)]
    found = {
        "list --json": [*data, "list", "--json"],
        "timeline --json": [*data, "timeline", "--json"],
    }
    if with_validate:
        found["validate FILE"] = ["validate", str(target.path)]
    return found


def check(name: str, result: startup.Run, target: Target) -> tuple[str | None, int | None]:
    """(problem, rows): whether the output is what the command should print."""
    if result.returncode != 0:
        tail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-2:]
        return f"exit {result.returncode}: {' / '.join(tail)}", None
    if name == "validate FILE":
        ok = b"valid" in result.stdout
        return (None if ok else "validate printed no 'valid'"), None
    try:
        rows = json.loads(result.stdout)
    except ValueError as error:
        return f"not JSON: {error}", None
    if not isinstance(rows, list):
        return "JSON is not an array", None
    expected = target.counts.partners if target.counts else None
    # Every synthetic partner has a current relationship, so `list` shows them all.
    if name == "list --json" and target.partners != BUNDLED_SIZE and len(rows) != expected:
        return f"{len(rows)} partners listed, {expected} in the file", len(rows)
    return None, len(rows)


def time_target(
    target: Target,
    command: Path,
    python: Path,
    runs: int,
    with_validate: bool,
    log: bool,
    mode: str,
    cache_dir: Path,
) -> None:
    """Time every command on ``target``: ``cold`` with natopartners' dataset cache off, or
    ``warm`` with a fresh cache that a first, untimed run fills."""
    if mode == "cold":
        env = startup.bench_env(startup.CACHE_OFF)
    else:
        env = startup.bench_env(cache_dir=cache_dir)
    prefix = (
        [str(python), "-c", LIFT_CAP.format(size=target.size_bytes)]
        if target.cap_raised
        else [str(command)]
    )
    found = commands(target, with_validate)
    results: dict[str, dict[str, Any]] = {}
    target.results[mode] = results
    if mode == "warm":
        first = startup.run([*prefix, *next(iter(found.values()))], env)
        target.priming = {
            "ms": round(first.ms, 1),
            "peak_rss_mib": round(first.max_rss_kib / 1024, 1),
            "cache_mb": round(sum(p.stat().st_size for p in cache_dir.glob("*")) / 1e6, 1)
            if cache_dir.is_dir()
            else 0.0,
        }
        if log:
            sys.stderr.write(
                f"  {target.label}: priming run (fills the cache): {first.ms:.0f} ms\n"
            )
        if startup.cache_entries(cache_dir) == 0:
            target.priming["note"] = "nothing cached: this build has no dataset cache"
            return
    for name, args in found.items():
        times: list[float] = []
        rss: list[int] = []
        problem: str | None = None
        rows: int | None = None
        out_bytes = 0
        for index in range(runs):
            result = startup.run([*prefix, *args], env)
            if index == 0:
                problem, rows = check(name, result, target)
                out_bytes = len(result.stdout)
            times.append(result.ms)
            rss.append(result.max_rss_kib)
            if log:
                sys.stderr.write(
                    f"  {target.label}: {name} ({mode}) run {index + 1}/{runs}: "
                    f"{result.ms:.0f} ms, {result.max_rss_kib / 1024:.0f} MiB\n"
                )
            if problem:
                break
        results[name] = {
            "runs": len(times),
            "median_ms": round(startup.median(times), 1),
            "ms": [round(t, 1) for t in times],
            "rss_mib": [round(kib / 1024, 1) for kib in rss],  # peak RSS of each run
            "peak_rss_mib": round(max(rss) / 1024, 1),
            "median_rss_mib": round(startup.median(rss) / 1024, 1),
            "stdout_bytes": out_bytes,
            "rows": rows,
            "problem": problem,
        }


def refusal(target: Target, command: Path) -> dict[str, Any]:
    """What the real command does with a file over the cap: time, exit code, message."""
    result = startup.run(
        [str(command), "--data", str(target.path), "list", "--json"],
        startup.bench_env(startup.CACHE_OFF),
    )
    return {
        "ms": round(result.ms, 1),
        "exit": result.returncode,
        "stderr": result.stderr.decode("utf-8", "replace").strip(),
        "peak_rss_mib": round(result.max_rss_kib / 1024, 1),
    }


def breakdown(python: Path, path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [str(python), "-c", BREAKDOWN, str(path)],
        capture_output=True,
        text=True,
        env=startup.bench_env(),
    )
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def floor(python: Path, runs: int) -> dict[str, Any]:
    env = startup.bench_env()
    results = [startup.run([str(python), "-c", FLOOR_CODE], env) for _ in range(runs + 1)][1:]
    return {
        "code": FLOOR_CODE,
        "median_ms": round(startup.median(r.ms for r in results), 1),
        "median_rss_mib": round(startup.median(r.max_rss_kib for r in results) / 1024, 1),
    }


def bundled_counts(path: Path) -> synthetic.Counts | None:
    """Record counts of the bundled file."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10, where natopartners depends on tomli
        import tomli as tomllib
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    partners = document.get("partners", [])
    return synthetic.Counts(
        partners=len(partners),
        events=len(document.get("events", [])),
        operations=len(document.get("operations", [])),
        terms=len(document.get("terms", [])),
        sources=len(document.get("sources", [])),
        contributions=sum(len(p.get("contributions", [])) for p in partners),
        dated_contributions=sum(
            1 for p in partners for c in p.get("contributions", []) if "since" in c
        ),
        dated_operation_bounds=sum(
            ("start" in o) + ("end" in o) for o in document.get("operations", [])
        ),
        relationship_periods=sum(len(p.get("relationship", [])) for p in partners),
        programme_periods=sum(len(p.get("programme", [])) for p in partners),
        disputes=len(document.get("disputes", [])),
    )


def runs_for(partners: int, given: Sequence[int] | None, index: int) -> int:
    if given:
        return given[min(index, len(given) - 1)]
    return 3 if partners <= 1000 else 1


# -- report ---------------------------------------------------------------------------------


def growth(targets: Sequence[Target], mode: str, name: str) -> list[dict[str, Any]]:
    """Marginal cost between successive synthetic sizes: ms and KiB of RSS per added partner,
    and the time ratio. Linear growth keeps the marginal cost the same at every step (the
    bundled file is left out: its fixed startup cost dominates and hides the slope)."""
    rows: list[dict[str, Any]] = []
    previous: tuple[int, dict[str, Any]] | None = None
    for target in targets:
        result = target.results.get(mode, {}).get(name)
        if target.partners == BUNDLED_SIZE or result is None or result["problem"]:
            continue
        if previous is not None:
            partners, before = previous
            added = target.partners - partners
            rows.append(
                {
                    "from": partners,
                    "to": target.partners,
                    "ms_per_added_partner": round(
                        (result["median_ms"] - before["median_ms"]) / added, 3
                    ),
                    "kib_per_added_partner": round(
                        (result["median_rss_mib"] - before["median_rss_mib"]) * 1024 / added, 1
                    ),
                    "time_ratio": round(result["median_ms"] / before["median_ms"], 2),
                }
            )
        previous = (target.partners, result)
    return rows


MODE_LABELS = {"cold": "off", "warm": "warm"}


def markdown(targets: Sequence[Target], info: Mapping[str, Any]) -> str:
    modes = [mode for mode in MODE_LABELS if any(mode in t.results for t in targets)]
    names = list(
        dict.fromkeys(name for t in targets for results in t.results.values() for name in results)
    )
    lines = [
        f"Machine: {info['machine']['cpus']} CPUs, {info['machine']['cpu_model']}; "
        f"Python {info['python_version']} ({info['python']}). Command: {info['command']}.",
        f'Floor (`python -c "{FLOOR_CODE}"`): {info["floor"]["median_ms"]:.0f} ms, '
        f"{info['floor']['median_rss_mib']:.1f} MiB. Load average before/after: "
        f"{info['loadavg_before']} / {info['loadavg_after']}; total {info['seconds']:.0f} s.",
    ]
    if not info["validate_available"]:
        lines.append("`natopartners validate` is not available in this build: not timed.")
    lines += [
        "",
        "Cache: off = `NATOPARTNERS_CACHE=0` (TOML parse + validation on every run); warm = "
        "natopartners' dataset cache filled by one untimed run first.",
        "",
        "| data | file MB | events | command | cache | runs | median ms | peak RSS MiB "
        "| output MB | note |",
        "|---|--:|--:|---|---|--:|--:|--:|--:|---|",
    ]
    for target in targets:
        events = target.counts.events if target.counts else ""
        label = (
            f"bundled ({target.counts.partners} partners)"
            if target.partners == 0 and target.counts
            else target.label
        )
        for name in names:
            for mode in modes:
                r = target.results.get(mode, {}).get(name)
                if r is None:
                    continue
                note = r["problem"] or ("cap raised" if target.cap_raised else "")
                lines.append(
                    f"| {label} | {target.size_bytes / 1e6:.2f} | {events} | `{name}` "
                    f"| {MODE_LABELS[mode]} | {r['runs']} | {r['median_ms']:.0f} "
                    f"| {r['peak_rss_mib']:.1f} | {r['stdout_bytes'] / 1e6:.2f} | {note} |"
                )
    lines += [
        "",
        "Growth between successive sizes (linear growth keeps the cost per added partner the "
        "same from step to step):",
        "",
        "| command | cache | partners | ms per added partner | KiB RSS per added partner "
        "| time ratio |",
        "|---|---|---|--:|--:|--:|",
    ]
    for mode in modes:
        for name in names:
            for row in growth(targets, mode, name):
                lines.append(
                    f"| `{name}` | {MODE_LABELS[mode]} | {row['from']:,} → {row['to']:,} "
                    f"| {row['ms_per_added_partner']:.2f} | {row['kib_per_added_partner']:.0f} "
                    f"| {row['time_ratio']:.1f}x |"
                )
    primed = [t for t in targets if t.priming]
    if primed:
        lines += ["", "Warm cache: the untimed first run that filled it, and what it stored:", ""]
        for target in primed:
            assert target.priming is not None
            lines.append(
                f"- {target.label}: {target.priming['ms']:.0f} ms, "
                f"{target.priming['peak_rss_mib']:.0f} MiB peak, "
                f"{target.priming['cache_mb']:.1f} MB cached"
                + (f" ({target.priming['note']})" if "note" in target.priming else "")
            )
    refused = [t for t in targets if t.refusal]
    if refused:
        lines += [""]
        for target in refused:
            assert target.refusal is not None
            lines.append(
                f"{target.label}: the real command refused the {target.size_bytes / 1e6:.0f} MB "
                f"file in {target.refusal['ms']:.0f} ms with exit {target.refusal['exit']}: "
                f"`{target.refusal['stderr']}`"
            )
    broken = [t for t in targets if t.breakdown]
    if broken:
        lines += [
            "",
            "Loading stages, in-process (ms):",
            "",
            "| data | import models | read | tomllib.loads | model_validate | references |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for target in broken:
            b = target.breakdown or {}
            if "error" in b:
                lines.append(f"| {target.label} | error: {b['error']} | | | | |")
                continue
            lines.append(
                f"| {target.label} | {b['import_models_ms']} | {b['read_ms']} | {b['toml_ms']} "
                f"| {b['validate_ms']} | {b['references_ms']} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time natopartners on data files of growing size.")
    parser.add_argument("--sizes", default="100,1000,10000", help="partner counts (100,1000,10000)")
    parser.add_argument(
        "--runs",
        default="",
        help="runs per size, in --sizes order, e.g. 5,3,1; the bundled data takes the first "
        "(default: 3 up to 1000 partners, else 1)",
    )
    parser.add_argument("--events-per-partner", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--command", help="the natopartners executable (default: from PATH)")
    parser.add_argument("--workdir", type=Path, help="keep the generated files here")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled data")
    parser.add_argument("--breakdown", action="store_true", help="add in-process stage times")
    parser.add_argument(
        "--breakdown-max",
        type=int,
        default=1000,
        metavar="N",
        help="--breakdown only for files of up to N partners (1000; a larger one takes minutes)",
    )
    parser.add_argument(
        "--cache",
        choices=("off", "warm", "both"),
        default="both",
        help="natopartners' dataset cache: off (NATOPARTNERS_CACHE=0), warm, or both (both)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--json-out", type=Path, help="also write the JSON report to this file")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    modes = {"off": ["cold"], "warm": ["warm"], "both": ["cold", "warm"]}[args.cache]
    given_runs = [int(r) for r in args.runs.split(",") if r.strip()] or None

    command = startup.find_command(args.command)
    python, python_source = startup.interpreter_of(command)
    help_text = startup.run([str(command), "--help"], startup.bench_env()).stdout.decode()
    with_validate = any(line.split()[:1] == ["validate"] for line in help_text.splitlines())
    cap_text = probe(python, "import natopartners.loading as l; print(l.MAX_BYTES)")
    cap = int(cap_text) if cap_text.isdigit() else None
    info: dict[str, Any] = {
        "command": str(command),
        "python": str(python),
        "python_source": python_source,
        "python_version": startup.python_version(python),
        "machine": startup.machine(),
        "validate_available": with_validate,
        "max_bytes": cap,
        "loadavg_before": startup.loadavg(),
    }
    started = time.perf_counter()
    log = not args.quiet
    info["floor"] = floor(python, 5)

    with tempfile.TemporaryDirectory(prefix="natopartners-scale-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        targets: list[Target] = []
        if not args.no_bundled:
            bundled = probe(
                python,
                "from importlib.resources import files; "
                "print(files('natopartners.data') / 'partners.toml')",
            )
            if bundled:
                path = Path(bundled)
                target = Target(BUNDLED_SIZE, path, "bundled", path.stat().st_size)
                target.counts = bundled_counts(path)
                targets.append(target)
                for mode in modes:
                    cache_dir = Path(tmp) / f"cache-{len(targets)}"
                    runs = given_runs[0] if given_runs else 3
                    time_target(target, command, python, runs, with_validate, log, mode, cache_dir)
                if args.breakdown:
                    target.breakdown = breakdown(python, path)
        for index, partners in enumerate(sizes):
            path = workdir / f"syn-{partners}.toml"
            if log:
                sys.stderr.write(f"generating {path} ...\n")
            counts = synthetic.generate(
                partners, path, events_per_partner=args.events_per_partner, seed=args.seed
            )
            target = Target(partners, path, f"{partners:,} partners", path.stat().st_size, counts)
            if cap is not None and target.size_bytes > cap:
                target.cap_raised = True
                target.refusal = refusal(target, command)
            targets.append(target)
            runs = runs_for(partners, given_runs, index)
            for mode in modes:
                cache_dir = Path(tmp) / f"cache-{len(targets)}"
                time_target(target, command, python, runs, with_validate, log, mode, cache_dir)
                shutil.rmtree(cache_dir, ignore_errors=True)
            if args.breakdown and partners <= args.breakdown_max:
                target.breakdown = breakdown(python, path)
        info["seconds"] = round(time.perf_counter() - started, 1)
        info["loadavg_after"] = startup.loadavg()

    report = {
        **info,
        "targets": [
            {
                "label": t.label,
                "partners": t.partners,
                "path": str(t.path),
                "size_bytes": t.size_bytes,
                "counts": vars(t.counts) if t.counts else None,
                "cap_raised": t.cap_raised,
                "refusal": t.refusal,
                "results": t.results,
                "priming": t.priming,
                "breakdown": t.breakdown,
            }
            for t in targets
        ],
        "growth": {
            mode: {
                name: growth(targets, mode, name)
                for name in ("list --json", "timeline --json", "validate FILE")
            }
            for mode in modes
        },
    }
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        sys.stdout.write(markdown(targets, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
