"""How time and memory grow with the data: synthetic files of 100 to 10,000 partners.

Each size is written as JSON and as TOML (the same records), then ``validate FILE``,
``--data FILE list --json`` and ``--data FILE timeline --json`` run as whole processes of the
installed ``natopartners``. Reported: the median wall time, the peak RSS of the child (from
``os.wait4``) and the marginal cost per partner from the previous size, which stays flat when
the cost is linear. A run that fails is reported as ``failed: <first line of stderr>``.

The data is valid under ``src/natopartners/models.py``: sources, partners with relationship
and programme periods and contributions, operations, events naming partners, operations and
terms, terms and disputes; every reference names a record and no date is after ``as_of``.
The same arguments give the same files.

Usage::

    python benchmarks/scale.py [--command PATH] [--sizes 100,1000,10000] [--formats json,toml]
                               [--events-per-partner 10] [--repeat 3] [--keep DIR] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _report import table  # benchmarks/_report.py, beside this script

AS_OF = "2025-07-24"
_WORD_TEXT = """\
alliance allies annual assistance border capacity civil coast command cooperation
council crisis cyber defence dialogue disaster energy exercise forces framework joint liaison
logistics maritime medical meeting mission naval officers operation partnership peacekeeping
piracy planning policy programme reform regional rescue science security staff support team
training trust troops visit the of and with in for to by on its their"""
WORDS = _WORD_TEXT.split()
KINDS = ("summit", "ministerial", "policy", "dialogue")
RELATIONSHIPS = ("global-partner", "consulted", "operation-contributor")
REGIONS = (("Asia", "Eastern Asia"), ("Oceania", "Melanesia"), ("Americas", "South America"))
COMMANDS = (
    ("validate", "FILE"),
    ("--data", "FILE", "list", "--json"),
    ("--data", "FILE", "timeline", "--json"),
)

Record = dict[str, Any]


def generate(partners: int, events_per_partner: int, seed: int = 0) -> Record:
    """A dataset of ``partners`` partners and ``events_per_partner`` events for each."""
    rng = random.Random(seed)
    sources = [f"source-{i}" for i in range(max(2, partners // 16))]
    partner_ids = [f"partner-{i}" for i in range(partners)]
    operations = [f"operation-{i}" for i in range(max(2, partners // 4))]
    terms = [f"term-{i}" for i in range(max(2, partners // 4))]

    def text(words: int) -> str:
        return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."

    def cite() -> Record:
        return {"sources": [{"source": s} for s in rng.sample(sources, rng.randint(1, 2))]}

    def date(first: int = 1990, last: int = 2024) -> str:
        year, month, day = rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice((f"{year}", f"{year}-{month:02}", f"{year}-{month:02}-{day:02}"))

    def operation_years(n: int) -> tuple[int, int]:
        return 2000 + n % 10, 2012 + n % 10

    def letters(number: int, width: int) -> str:
        return "".join(chr(65 + number // 26**i % 26) for i in reversed(range(width)))

    def partner(i: int, ident: str) -> Record:
        start = rng.randint(1990, 2015)
        relationship = [{"value": rng.choice(RELATIONSHIPS), "since": f"{start}", **cite()}]
        if rng.random() < 0.2:  # an earlier period, ended when the current one began
            relationship.insert(
                0,
                {"value": "consulted", "since": f"{start - 5}", "until": f"{start - 1}", **cite()},
            )
        programme = [{"value": rng.choice(terms), "since": date(start), **cite()}]
        joined = [rng.randrange(len(operations)) for _ in range(rng.randint(0, 2))]
        contributions = [
            {
                "operation": operations[n],
                "since": date(*operation_years(n)),  # within its operation, as validate asks
                # Every operation here has ended, so each contribution ends with it at the
                # latest, inferred, as validate asks.
                "until": f"{operation_years(n)[1]}",
                "until_inferred": True,
                "summary": text(20),
                **cite(),
            }
            for n in joined
        ]
        region, subregion = rng.choice(REGIONS)
        return {
            "id": ident,
            "name": f"Partner {i}",
            "official_name": f"Republic of Partner {i}",
            "aliases": [f"P{i}"],
            "iso2": letters(i, 2),
            "iso3": letters(i, 3),
            "region": region,
            "subregion": subregion,
            "relationship": relationship,
            "programme": programme if rng.random() < 0.6 else [],
            "summary": text(40),
            "contributions": contributions,
            **cite(),
        }

    def event(i: int) -> Record:
        return {
            "id": f"event-{i}",
            "date": date(),
            "kind": rng.choice(KINDS),
            "title": text(7),
            "summary": text(25),
            "partners": rng.sample(partner_ids, rng.randint(1, 3)),
            "operations": rng.sample(operations, rng.randint(0, 1)),
            "terms": rng.sample(terms, rng.randint(0, 2)),
            **cite(),
        }

    return {
        "dataset": {"title": "Synthetic partners", "version": "synthetic", "as_of": AS_OF},
        "sources": [
            {
                "id": s,
                "title": f"Source {s}",
                "publisher": "NATO",
                "grade": "N",
                "url": f"https://example.org/{s}",
                # The first source is the newest: the data's as_of is its date, as validate
                # asks (no data is more current than its newest source).
                "updated": AS_OF if n == 0 else date(),
            }
            for n, s in enumerate(sources)
        ],
        "partners": [partner(i, ident) for i, ident in enumerate(partner_ids)],
        "operations": [
            {
                "id": o,
                "name": f"Operation {o}",
                "theatre": "Gulf of Aden",
                "hosts": rng.sample(partner_ids, 1),
                "start": f"{operation_years(i)[0]}",
                "end": f"{operation_years(i)[1]}",
                "summary": text(30),
                **cite(),
            }
            for i, o in enumerate(operations)
        ],
        "events": [event(i) for i in range(partners * events_per_partner)],
        "terms": [
            {"id": t, "name": f"Term {t}", "aliases": [], "summary": text(20), **cite()}
            for t in terms
        ],
        "disputes": [
            {
                "id": f"dispute-{i}",
                "record": f"partners.{p}",
                "field": "region",
                "value": "Asia",
                "summary": text(15),
                **cite(),
            }
            for i, p in enumerate(partner_ids[::50])
        ],
    }


def toml_value(value: Any) -> str:
    """A TOML value: JSON's strings are valid TOML basic strings; tables are written inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {toml_value(v)}" for key, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def to_toml(document: Record) -> str:
    """The document as TOML: a table per key, or an array of tables for a list of records."""
    parts = []
    for name, value in document.items():
        records = value if isinstance(value, list) else [value]
        header = f"[[{name}]]" if isinstance(value, list) else f"[{name}]"
        for record in records:
            body = "".join(f"{key} = {toml_value(v)}\n" for key, v in record.items())
            parts.append(f"{header}\n{body}")
    return "\n".join(parts)


def run(argv: Sequence[str]) -> tuple[float, float] | str:
    """Wall seconds and peak RSS (MiB) of one fresh process, or why it failed."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            first = errors.read().decode(errors="replace").strip().splitlines() or ["(no stderr)"]
            return f"failed ({child.returncode}): {first[0][:120]}"
    return elapsed, usage.ru_maxrss / 1024  # Linux gives kilobytes


def measure(argv: Sequence[str], repeat: int) -> tuple[float, float] | str:
    """Median seconds and highest peak RSS over ``repeat`` runs, or the first failure."""
    runs = []
    for _ in range(repeat):
        found = run(argv)
        if isinstance(found, str):
            return found
        runs.append(found)
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


WRITERS: dict[str, Callable[[Record], str]] = {"json": json.dumps, "toml": to_toml}
Previous = dict[tuple[str, str], tuple[int, float]]  # (format, command) → (partners, seconds)


def measured(
    command: Path, args: Sequence[str], path: Path, size: int, repeat: int, previous: Previous
) -> list[str]:
    """A row of the table: ``command`` run with ``args`` (FILE: ``path``) of ``size`` partners."""
    fmt, label = path.suffix[1:], " ".join(args)
    print(f"{size} {fmt}: {label}", file=sys.stderr)
    cells = [f"{size:,}", fmt, f"{path.stat().st_size / 1e6:.1f}", label]
    found = measure([str(command), *(str(path) if a == "FILE" else a for a in args)], repeat)
    if isinstance(found, str):
        return [*cells, found.replace(str(path), "FILE"), "", ""]
    seconds, rss = found
    before = previous.get((fmt, label))
    previous[fmt, label] = (size, seconds)
    per_partner = (
        f"{(seconds - before[1]) * 1000 / (size - before[0]):.2f}"
        if before
        else f"{seconds * 1000 / size:.2f} (incl. start-up)"
    )
    return [*cells, f"{seconds:.2f}", f"{rss:.0f}", per_partner]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--command", type=Path, default=Path(sys.executable).with_name("natopartners")
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="partner counts")
    parser.add_argument("--formats", default="json,toml", help="json, toml or both")
    parser.add_argument("--events-per-partner", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs per command and file")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    options = parser.parse_args(argv)
    rows, previous = [], Previous()
    with tempfile.TemporaryDirectory() as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sorted(int(size) for size in options.sizes.split(",")):
            document = generate(size, options.events_per_partner)
            for fmt in options.formats.split(","):
                path = folder / f"partners-{size}.{fmt}"
                path.write_text(WRITERS[fmt](document), encoding="utf-8")
                for command in COMMANDS:
                    rows.append(
                        measured(options.command, command, path, size, options.repeat, previous)
                    )
    header = ["partners", "format", "MB", "command", "median s", "peak MiB", "ms per partner"]
    print(
        f"{options.command}, {options.events_per_partner} events per partner, median of "
        f"{options.repeat} runs; ms per partner: added per partner since the previous size.\n"
    )
    print(table(header, rows, options.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
