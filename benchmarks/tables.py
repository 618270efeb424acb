"""Output for people at scale: a table against TSV of the same rows, a sheet against JSON.

Two kinds of synthetic data file are written (JSON, valid under ``models.py``): one with N
sources, for ``--data FILE sources --format table`` against ``--format tsv`` (the same rows,
laid out for people or not), and one partner with a summary of M MiB, for ``--data FILE
show big --format table`` against ``--json``. Each pair of commands runs alternately as whole
processes of the installed ``natopartners`` (the order swapped every round), so a busy machine
slows both alike; reported are the median seconds of each and the median of the per-pair
ratios. The goal (issue 23): within 3x at 20,000 rows and at 6 MiB.

Usage::

    python benchmarks/tables.py [--command PATH] [--rows 2000,20000] [--mib 1,6]
                                [--pairs 5] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _report import table  # benchmarks/_report.py, beside this script

AS_OF = "2024-12-31"
WORDS = [
    "alliance",
    "partnership",
    "security",
    "cooperation",
    "relations",
    "summit",
    "council",
    "dialogue",
    "programme",
    "defence",
    "maritime",
    "training",
    "exercise",
    "mission",
    "liaison",
    "support",
]
PUBLISHERS = ("NATO", "Ministry of Foreign Affairs of Japan", "Reuters", "The Korea Herald")


def sources(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """``count`` sources of varied titles, publishers and addresses, the first the newest."""
    rng = random.Random(seed)
    found = []
    for i in range(count):
        day = (
            AS_OF
            if i == 0
            else f"20{rng.randint(10, 23)}-{rng.randint(1, 12):02}-1{rng.randint(0, 9)}"
        )
        found.append(
            {
                "id": f"source-{i}",
                "title": " ".join(rng.choices(WORDS, k=rng.randint(3, 14))).capitalize(),
                "publisher": rng.choice(PUBLISHERS),
                "url": f"https://example.org/{i}/{'page-' * rng.randint(1, 12)}end",
                "updated": day,
                "grade": rng.choice("NGM"),
            }
        )
    return found


def dataset(sources_: list[dict[str, Any]], partners: list[dict[str, Any]]) -> dict[str, Any]:
    info = {"title": "Synthetic", "version": "synthetic", "as_of": AS_OF}
    return {"dataset": info, "sources": sources_, "partners": partners}


def big_partner(mib: int) -> dict[str, Any]:
    """One partner whose summary is about ``mib`` MiB of ordinary sentences."""
    sentence = "The partnership grew over the years through dialogue, exercises and programmes. "
    summary = sentence * (mib * 1024 * 1024 // len(sentence))
    cite = [{"source": "source-0"}]
    return {
        "id": "big",
        "name": "Bigland",
        "official_name": "Republic of Bigland",
        "iso2": "QZ",
        "iso3": "QZZ",
        "region": "Asia",
        "subregion": "Eastern Asia",
        "relationship": [{"value": "global-partner", "since": "2001", "sources": cite}],
        "summary": summary,
        "sources": cite,
    }


def seconds(argv: Sequence[str]) -> float:
    """Wall seconds of one process, its output thrown away; it must succeed."""
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace').strip()}")
    return elapsed


def paired(people: Sequence[str], machine: Sequence[str], pairs: int) -> tuple[float, float, float]:
    """Median seconds of each command and median ratio people/machine over ``pairs`` pairs,
    after one warm-up pair; the order within a pair swaps every round."""
    seconds(people), seconds(machine)
    times: list[tuple[float, float]] = []
    for n in range(pairs):
        if n % 2:
            b, a = seconds(machine), seconds(people)
        else:
            a, b = seconds(people), seconds(machine)
        times.append((a, b))
    return (
        statistics.median(a for a, _ in times),
        statistics.median(b for _, b in times),
        statistics.median(a / b for a, b in times),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The natopartners beside this interpreter (as startup.py and scale.py find it), else PATH's.
    beside = Path(sys.executable).with_name("natopartners")
    found = str(beside) if beside.exists() else shutil.which("natopartners") or "natopartners"
    parser.add_argument("--command", default=found)
    parser.add_argument("--rows", default="2000,20000", help="source counts for the table")
    parser.add_argument("--mib", default="1,6", help="summary sizes for the sheet, in MiB")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args()
    command = options.command
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as work:
        for count in (int(n) for n in options.rows.split(",")):
            path = Path(work) / f"sources-{count}.json"
            path.write_text(json.dumps(dataset(sources(count), [])), encoding="utf-8")
            base = [command, "--data", str(path), "sources", "--format"]
            print(f"sources, {count} rows ...", file=sys.stderr)
            a, b, ratio = paired([*base, "table"], [*base, "tsv"], options.pairs)
            rows.append(
                [f"sources, {count:,} rows", "table / tsv", f"{a:.2f}", f"{b:.2f}", f"{ratio:.2f}"]
            )
        for mib in (int(n) for n in options.mib.split(",")):
            path = Path(work) / f"sheet-{mib}.json"
            path.write_text(json.dumps(dataset(sources(1), [big_partner(mib)])), encoding="utf-8")
            base = [command, "--data", str(path), "show", "big", "--format"]
            print(f"sheet, {mib} MiB ...", file=sys.stderr)
            a, b, ratio = paired([*base, "table"], [*base, "json"], options.pairs)
            rows.append(
                [f"show, {mib} MiB summary", "table / json", f"{a:.2f}", f"{b:.2f}", f"{ratio:.2f}"]
            )
    headings = ["data", "formats", "people s", "machine s", "x (median of pairs)"]
    print(table(headings, rows, markdown=options.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
